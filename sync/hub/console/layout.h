// The frame every console page shares (head, top bar with navigation, who is signed in, language switch,
// sign-out) and small view pieces used by several pages: names of parties, roles and categories, times,
// a pager and <select> options. View models only: the markup is in templates/ (frame, pager, option…).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/hub/console/template_render.h"
#include "sync/hub/console/text.h"
#include "sync/hub/store/console_repository.h"

namespace ck::hub::console {

class ConsoleRequest;

// The frame's view model (templates/frame.mustache reads it as {{frame.…}}): the title, the navigation
// with `nav` highlighted (the key of its entry, "" for none), who is signed in, the language switch, the
// CSRF token ({{>csrf}}) and the flash line after a redirect ({{>flash}}).
View FrameView(const ConsoleRequest& rq, std::string_view title, std::string_view nav);

const std::string& PartyName(Lang lang, Party p);
const std::string& RoleName(Lang lang, StaffRole r);
// What residents, kiosks and timelines see of a staff member: the party and the display name they chose
// ("物业服务中心 张经理"), the party alone without one; never the sign-in name.
std::string PublicStaffName(Lang lang, const StaffAccount& staff);
// The kiosk's category names; an unknown code shows as "其他/Other".
const std::string& CategoryName(Lang lang, std::string_view code);
const std::string& PriorityName(Lang lang, protocol::Priority p);
const std::string& StateName(Lang lang, NoticeState s);

// A text as paragraphs (split at blank lines) of lines, for {{#paragraphs}}<p>{{#lines}}…: the way the
// kiosk and the public pages show a notice's body (pages/html_frame.h's ParagraphsHtml).
View ParagraphsView(std::string_view body);

// A text's lines ({first, text}), for {{#lines}}{{^first}}<br>{{/first}}{{text}}{{/lines}}.
View LinesView(std::string_view text);

// "2026-12-02 09:30" in Asia/Shanghai (UTC+8, no daylight saving).
std::string FormatLocal(protocol::UnixSeconds t);
// The value of an <input type="datetime-local">: "2026-12-02T09:30" (Shanghai time), and back.
std::string DateTimeLocalValue(protocol::UnixSeconds t);
std::optional<protocol::UnixSeconds> ParseDateTimeLocal(std::string_view text);

// "‹ 上一页 · 第 2/7 页 · 下一页 ›" as links to `base` (which already has its query, escaped later)
// with offset=… appended: for {{>pager}} (false when one page holds everything).
View PagerView(const ConsoleRequest& rq, std::string_view base, std::int64_t total, int offset, int limit);

// <option>s for {{#…}}{{>option}}{{/…}}; `selected` is compared with each value.
View OptionsView(const std::vector<std::pair<std::string, std::string>>& values_and_labels,
                 std::string_view selected);

// A field's refusal for {{#x}}{{>field_error}}{{/x}}: {field_error: message}, or false when "".
View FieldErrorView(const std::string& message);

// The flash after a redirect (?done=key): the translated message for key "done.<key>", or "".
std::string FlashText(const ConsoleRequest& rq);
// A list's ?offset=: 1–9 decimal digits, else 0 (the first page). The one parser for every paged list.
int ParsePageOffset(const std::string& s);

}  // namespace ck::hub::console
