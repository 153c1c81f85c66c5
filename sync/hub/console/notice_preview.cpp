// The kiosk-like notice preview (see the header); facts in the kiosk's order.
#include "sync/hub/console/notice_preview.h"

#include "sync/hub/console/layout.h"

namespace ck::hub::console {

View KioskPreviewView(Lang lang, const protocol::Notice& n) {
  View v;
  v["clock"] = FormatLocal(n.published_at).substr(11);
  v["badges"] = n.priority != protocol::Priority::Normal || n.pinned;
  if (n.priority != protocol::Priority::Normal) {
    View p;
    p["code"] = std::string(protocol::PriorityCode(n.priority));
    p["name"] = PriorityName(lang, n.priority);
    v["priority"] = std::move(p);
  } else {
    v["priority"] = false;
  }
  v["pinned"] = n.pinned;
  v["title"] = n.title.empty() ? Tr(lang, "preview.untitled") : n.title;
  View facts = ViewList();
  auto fact = [&](const char* key, const std::string& value) {
    View f;
    f["label"] = Tr(lang, key);
    f["value"] = value;
    facts << f;
  };
  fact("preview.publisher", PartyName(lang, n.publisher));
  fact("preview.category", CategoryName(lang, n.category));
  fact("preview.published", FormatLocal(n.published_at));
  if (n.expires_at) fact("preview.expires", FormatLocal(*n.expires_at));
  if (n.audience != "all" && !n.audience.empty()) fact("preview.audience", n.audience);
  v["facts"] = std::move(facts);
  v["paragraphs"] = ParagraphsView(n.body);
  return v;
}

std::string KioskPreview(Lang lang, const protocol::Notice& n) {
  return RenderTemplate("notice_preview", KioskPreviewView(lang, n), lang);
}

}  // namespace ck::hub::console
