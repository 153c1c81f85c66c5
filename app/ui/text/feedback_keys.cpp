// Generated feedback translation keys and the list the translation tests check.
#include "app/ui/text/feedback_keys.h"

#include "app/input/keyboard_layout.h"
#include "app/input/number_pad_model.h"
#include "app/ui/controller/report_draft.h"

namespace ck::ui::keys {

std::string AreaKey(std::string_view code) {
  return "area." + std::string(code);
}
std::string KindKey(protocol::FeedbackKind kind) {
  return "kind." + std::string(protocol::FeedbackKindCode(kind));
}
std::string StatusKey(std::string_view status_code) {
  return "status." + std::string(status_code);
}
std::string AgencyKey(protocol::Agency agency) {
  return "agency." + std::string(protocol::AgencyCode(agency));
}
bool RateQuickFits(std::string_view code, int score) {
  return code != "satisfied" || score >= 4;
}
std::string RateScoreKey(int score) {
  return "rate.score." + std::to_string(score);
}
std::string RateQuickKey(std::string_view code) {
  return "rate.quick." + std::string(code);
}

std::string SuggestionPhraseKey(std::string_view code) {
  return "suggestion.phrase." + std::string(code);
}

std::vector<std::string> FeedbackKeys() {
  std::vector<std::string> all;
  for (std::string_view k : {kSyncPending,
                             kReportStep,
                             kReportNext,
                             kReportKindQuestion,
                             kReportKindComplaint,
                             kReportKindComplaintHint,
                             kReportKindSuggestion,
                             kReportKindSuggestionHint,
                             kReportCategoryQuestion,
                             kReportWhereQuestion,
                             kReportWhereBuilding,
                             kReportWhereUnit,
                             kReportWhereFloor,
                             kReportWhereCommon,
                             kReportWhatQuestion,
                             kReportWhatQuestionSuggestion,
                             kReportWhatText,
                             kReportContactQuestion,
                             kReportContactAnonymous,
                             kReportContactAnonymousHint,
                             kReportContactPhone,
                             kReportContactPhoneHint,
                             kReportContactPhoneLabel,
                             kReportReviewQuestion,
                             kReportReviewKind,
                             kReportReviewCategory,
                             kReportReviewWhere,
                             kReportReviewWhat,
                             kReportReviewContact,
                             kReportReviewAnonymous,
                             kReportReviewEdit,
                             kReportSubmit,
                             kReportErrorIncomplete,
                             kReportErrorSave,
                             kReceiptTitle,
                             kReceiptDelivered,
                             kReceiptPending,
                             kReceiptLocalOnly,
                             kReportTitleSuggestion,
                             kReceiptRejected,
                             kReceiptQrCaption,
                             kReceiptHint,
                             kReceiptDone,
                             kTrackCodeQuestion,
                             kTrackCodeTypo,
                             kTrackCodeSearching,
                             kTrackCodeOffline,
                             kTrackCodeNotFound,
                             kTrackOwner,
                             kTrackOwnerNone,
                             kTrackOwnerReassigning,
                             kTrackPromised,
                             kTrackReply,
                             kTrackNoReply,
                             kTrackProgress,
                             kTrackWhere,
                             kTrackRate,
                             kTrackRated,
                             kTrackNotDelivered,
                             kTrackNotDeliveredAsk,
                             kSyncRefused,
                             kRateQuestion,
                             kRateComment,
                             kRateSubmit,
                             kRateThanks,
                             kRateReopened,
                             kRateSaved,
                             kRateError,
                             kSearchButton,
                             kSearchTitle,
                             kSearchPlaceholder,
                             kSearchCount,
                             kSearchNone,
                             kIdleQuestion,
                             kIdleCountdown,
                             kIdleContinue,
                             kIdleCountdownForm,
                             kDiscardQuestion,
                             kDiscardExplain,
                             kDiscardKeep,
                             kDiscardConfirm,
                             kAddressBuilding,
                             kAddressUnit,
                             kAddressFloor,
                             kAddressUnitAfter,
                             kAddressFloorAfter,
                             kDescriptionSeparator})
    all.emplace_back(k);
  for (const char* area : kCommonAreas) all.push_back(AreaKey(area));
  for (auto k : {protocol::FeedbackKind::Complaint, protocol::FeedbackKind::Suggestion})
    all.push_back(KindKey(k));
  for (auto s : {protocol::RequestStatus::Submitted, protocol::RequestStatus::Accepted,
                 protocol::RequestStatus::Assigned, protocol::RequestStatus::InProgress,
                 protocol::RequestStatus::Resolved, protocol::RequestStatus::Closed,
                 protocol::RequestStatus::Reopened})
    all.push_back(StatusKey(protocol::RequestStatusCode(s)));
  all.emplace_back(kStatusDelivered);
  all.emplace_back(kStatusReplied);
  all.emplace_back(kStatusUpdate);
  for (auto a : {protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany,
                 protocol::Agency::ResidentsCommittee})
    all.push_back(AgencyKey(a));
  for (int s = 1; s <= 5; ++s) all.push_back(RateScoreKey(s));
  for (const char* q : kRateQuickCodes) all.push_back(RateQuickKey(q));
  for (const char* p : kGeneralSuggestionPhrases) all.push_back(SuggestionPhraseKey(p));
  for (const char* k :
       {input::kLabelSpace, input::kLabelBackspace, input::kLabelConfirm, input::kLabelToEnglish,
        input::kLabelToChinese, input::kLabelToDigits, input::kLabelToLetters, input::kLabelPadClear})
    all.emplace_back(k);
  return all;
}

}  // namespace ck::ui::keys
