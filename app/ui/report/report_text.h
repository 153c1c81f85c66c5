// The words of a report draft: its address and description, in the language shown or in Chinese for the
// platform (operators read Chinese whatever language the resident chose).
#pragma once

#include <optional>
#include <string>

#include "app/ui/controller/report_draft.h"
#include "app/ui/controller/view_model.h"
#include "app/ui/text/translations.h"

namespace ck::ui {

// "3号楼2单元5层", "Building 3, Unit 2, Floor 5", or the common area's name; empty when no place yet.
std::string AddressText(const ReportDraft& draft, const Translations& tr);
// The chosen quick phrases (English ones where the category has them, when `english`) and the free text.
std::string DescriptionText(const ReportDraft& draft, const ServiceView* service, const Translations& tr,
                            bool english);
// How many quick phrases the category offers for a report of `kind`: its suggestion phrases for a
// suggestion, its complaint phrases otherwise. ReportDraft::phrases index these.
std::size_t PhraseCount(const ServiceView& service, std::optional<protocol::FeedbackKind> kind);
// One of those phrases (index < PhraseCount) in the language shown; Chinese when there is no English for it.
const std::string& PhraseText(const ServiceView& service, std::optional<protocol::FeedbackKind> kind,
                              int index, bool english);
// The category's name in the language shown.
const std::string& ServiceName(const ServiceView& service, bool english);

}  // namespace ck::ui
