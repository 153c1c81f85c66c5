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

const std::string& PhraseText(const ServiceView& service, int index, bool english) {
  const auto i = static_cast<std::size_t>(index);
  if (english && i < service.phrases_en.size() && !service.phrases_en[i].empty())
    return service.phrases_en[i];
  return service.phrases[i];
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
      if (i < 0 || static_cast<std::size_t>(i) >= service->phrases.size()) continue;
      if (!out.empty()) out += sep;
      out += PhraseText(*service, i, english);
    }
  }
  if (!draft.free_text.empty()) {
    if (!out.empty()) out += sep;
    out += draft.free_text;
  }
  return out;
}

}  // namespace ck::ui
