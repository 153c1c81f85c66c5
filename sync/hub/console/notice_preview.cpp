// The kiosk-like notice preview (see the header); facts in the kiosk's order.
#include "sync/hub/console/notice_preview.h"

#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/pages/html_frame.h"

namespace ck::hub::console {

std::string KioskPreview(Lang lang, const protocol::Notice& n) {
  std::string h = "<div class=\"kiosk\" aria-label=\"" + Esc(Tr(lang, "compose.preview")) + "\">";
  h += "<div class=\"k-top\"><span>" + Esc(Tr(lang, "preview.top")) + "</span><span>" +
       Esc(FormatLocal(n.published_at).substr(11)) + "</span></div>";
  h += "<div class=\"k-body\"><div class=\"k-text\">";
  if (n.priority != protocol::Priority::Normal || n.pinned) {
    h += "<div>";
    if (n.priority != protocol::Priority::Normal)
      h += "<span class=\"badge " + std::string(protocol::PriorityCode(n.priority)) + "\">" +
           Esc(PriorityName(lang, n.priority)) + "</span>";
    if (n.pinned) h += "<span class=\"badge pinned\">" + Esc(Tr(lang, "compose.field.pinned")) + "</span>";
    h += "</div>";
  }
  h += "<div class=\"k-title\">" + Esc(n.title.empty() ? Tr(lang, "preview.untitled") : n.title) + "</div>";
  auto fact = [&](const char* key, const std::string& value) {
    h += "<div class=\"k-fact\"><span class=\"k-label\">" + Esc(Tr(lang, key)) + "</span><span>" +
         Esc(value) + "</span></div>";
  };
  fact("preview.publisher", PartyName(lang, n.publisher));
  fact("preview.category", CategoryName(lang, n.category));
  fact("preview.published", FormatLocal(n.published_at));
  if (n.expires_at) fact("preview.expires", FormatLocal(*n.expires_at));
  if (n.audience != "all" && !n.audience.empty()) fact("preview.audience", n.audience);
  h += ParagraphsHtml(n.body);  // escapes each line itself
  h += "</div><div class=\"k-qr\"><div class=\"k-qrbox\"></div>" + Esc(Tr(lang, "preview.qr")) + "</div>";
  h += "</div></div>";
  return h;
}

}  // namespace ck::hub::console
