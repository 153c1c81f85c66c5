// Address and description of a report draft, from translation patterns.
#include "app/ui/report/report_text.h"

#include "app/ui/text/feedback_keys.h"

namespace ck::ui {

std::string AddressText(const ReportDraft& draft, const Translations& tr) {
  if (!draft.common_area.empty()) return tr.Get(keys::AreaKey(draft.common_area));
  std::string out;
  // English joins the parts with commas, Chinese runs them together: the "after" patterns carry that.
  auto part = [&](std::string_view first_key, std::string_view after_key, const std::string& digits) {
    if (digits.empty()) return;
    out += FormatPattern(tr.Get(out.empty() ? first_key : after_key), {{"n", digits}});
  };
  part(keys::kAddressBuilding, keys::kAddressBuilding, draft.building);
  part(keys::kAddressUnit, keys::kAddressUnitAfter, draft.unit);
  part(keys::kAddressFloor, keys::kAddressFloorAfter, draft.floor);
  return out;
}

namespace {

bool IsSuggestion(std::optional<protocol::FeedbackKind> kind) {
  return kind == protocol::FeedbackKind::Suggestion;
}

}  // namespace

std::size_t PhraseCount(const ServiceView& service, std::optional<protocol::FeedbackKind> kind) {
  return IsSuggestion(kind) ? service.suggestion_phrases.size() : service.phrases.size();
}

const std::string& PhraseText(const ServiceView& service, std::optional<protocol::FeedbackKind> kind,
                              int index, bool english) {
  const bool suggestion = IsSuggestion(kind);
  const std::vector<std::string>& zh = suggestion ? service.suggestion_phrases : service.phrases;
  const std::vector<std::string>& en = suggestion ? service.suggestion_phrases_en : service.phrases_en;
  const auto i = static_cast<std::size_t>(index);
  if (english && i < en.size() && !en[i].empty()) return en[i];
  return zh[i];
}

const std::string& ServiceName(const ServiceView& service, bool english) {
  return english && !service.name_en.empty() ? service.name_en : service.name;
}

std::string DescriptionText(const ReportDraft& draft, const ServiceView* service, const Translations& tr,
                            bool english) {
  std::string out;
  const std::string& sep = tr.Get(keys::kDescriptionSeparator);
  if (service != nullptr) {
    for (int i : draft.phrases) {
      if (i < 0 || static_cast<std::size_t>(i) >= PhraseCount(*service, draft.kind)) continue;
      if (!out.empty()) out += sep;
      out += PhraseText(*service, draft.kind, i, english);
    }
  }
  if (!draft.free_text.empty()) {
    if (!out.empty()) out += sep;
    out += draft.free_text;
  }
  return out;
}

}  // namespace ck::ui
