// Translation keys of the feedback, track, search and idle screens (the rest are in text_keys.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/open311.h"

namespace ck::ui::keys {

inline constexpr std::string_view kSyncPending = "sync.pending";
inline constexpr std::string_view kSyncRefused = "sync.refused";
inline constexpr std::string_view kReportStep = "report.step";
inline constexpr std::string_view kReportNext = "report.next";
inline constexpr std::string_view kReportKindQuestion = "report.kind.question";
inline constexpr std::string_view kReportKindComplaint = "report.kind.complaint";
inline constexpr std::string_view kReportKindComplaintHint = "report.kind.complaint.hint";
inline constexpr std::string_view kReportKindSuggestion = "report.kind.suggestion";
inline constexpr std::string_view kReportKindSuggestionHint = "report.kind.suggestion.hint";
inline constexpr std::string_view kReportCategoryQuestion = "report.category.question";
inline constexpr std::string_view kReportWhereQuestion = "report.where.question";
inline constexpr std::string_view kReportWhereBuilding = "report.where.building";
inline constexpr std::string_view kReportWhereUnit = "report.where.unit";
inline constexpr std::string_view kReportWhereFloor = "report.where.floor";
inline constexpr std::string_view kReportWhereCommon = "report.where.common";
inline constexpr std::string_view kReportWhatQuestion = "report.what.question";
inline constexpr std::string_view kReportWhatQuestionSuggestion = "report.what.question_suggestion";
inline constexpr std::string_view kReportWhatText = "report.what.text";
inline constexpr std::string_view kReportContactQuestion = "report.contact.question";
inline constexpr std::string_view kReportContactAnonymous = "report.contact.anonymous";
inline constexpr std::string_view kReportContactAnonymousHint = "report.contact.anonymous.hint";
inline constexpr std::string_view kReportContactPhone = "report.contact.phone";
inline constexpr std::string_view kReportContactPhoneHint = "report.contact.phone.hint";
inline constexpr std::string_view kReportContactPhoneLabel = "report.contact.phone_label";
inline constexpr std::string_view kReportReviewQuestion = "report.review.question";
inline constexpr std::string_view kReportReviewKind = "report.review.kind";
inline constexpr std::string_view kReportReviewCategory = "report.review.category";
inline constexpr std::string_view kReportReviewWhere = "report.review.where";
inline constexpr std::string_view kReportReviewWhat = "report.review.what";
inline constexpr std::string_view kReportReviewContact = "report.review.contact";
inline constexpr std::string_view kReportReviewAnonymous = "report.review.anonymous";
inline constexpr std::string_view kReportReviewEdit = "report.review.edit";
inline constexpr std::string_view kReportSubmit = "report.submit";
inline constexpr std::string_view kReportErrorIncomplete = "report.error.incomplete";
inline constexpr std::string_view kReportErrorSave = "report.error.save";
inline constexpr std::string_view kReceiptTitle = "receipt.title";
inline constexpr std::string_view kReceiptDelivered = "receipt.delivered";
inline constexpr std::string_view kReceiptPending = "receipt.pending";
inline constexpr std::string_view kReceiptLocalOnly = "receipt.local_only";  // no hub configured
inline constexpr std::string_view kReportTitleSuggestion = "report.title.suggestion";
inline constexpr std::string_view kReceiptRejected = "receipt.rejected";
inline constexpr std::string_view kReceiptQrCaption = "receipt.qr_caption";
inline constexpr std::string_view kReceiptHint = "receipt.hint";
inline constexpr std::string_view kReceiptDone = "receipt.done";
inline constexpr std::string_view kTrackCodeQuestion = "track.code.question";
inline constexpr std::string_view kTrackCodeTypo = "track.code.typo";
inline constexpr std::string_view kTrackCodeSearching = "track.code.searching";
inline constexpr std::string_view kTrackCodeOffline = "track.code.offline";
inline constexpr std::string_view kTrackCodeNotFound = "track.code.not_found";
inline constexpr std::string_view kTrackCodeWait = "track.code.wait";  // {s}: seconds
inline constexpr std::string_view kTrackOwner = "track.owner";
inline constexpr std::string_view kTrackOwnerNone = "track.owner_none";
// 退单: the party gave it back and the street office is choosing who handles it.
inline constexpr std::string_view kTrackOwnerReassigning = "track.owner_reassigning";
inline constexpr std::string_view kTrackPromised = "track.promised";
inline constexpr std::string_view kTrackReply = "track.reply";
inline constexpr std::string_view kTrackNoReply = "track.no_reply";
inline constexpr std::string_view kTrackProgress = "track.progress";
inline constexpr std::string_view kTrackWhere = "track.where";
inline constexpr std::string_view kTrackRate = "track.rate";
inline constexpr std::string_view kTrackRated = "track.rated";
// A report the platform refused: kept on the kiosk, and the resident told whom to ask.
inline constexpr std::string_view kTrackNotDelivered = "track.not_delivered";
inline constexpr std::string_view kTrackNotDeliveredAsk = "track.not_delivered_ask";
inline constexpr std::string_view kRateQuestion = "rate.question";
inline constexpr std::string_view kRateComment = "rate.comment";
inline constexpr std::string_view kRateSubmit = "rate.submit";
inline constexpr std::string_view kRateThanks = "rate.thanks";
inline constexpr std::string_view kRateReopened = "rate.reopened";
inline constexpr std::string_view kRateSaved = "rate.saved";
inline constexpr std::string_view kRateError = "rate.error";
inline constexpr std::string_view kSearchButton = "search.button";
inline constexpr std::string_view kSearchTitle = "search.title";
inline constexpr std::string_view kSearchPlaceholder = "search.placeholder";
inline constexpr std::string_view kSearchCount = "search.count";
inline constexpr std::string_view kSearchNone = "search.none";
inline constexpr std::string_view kIdleQuestion = "idle.question";
inline constexpr std::string_view kIdleCountdown = "idle.countdown";
inline constexpr std::string_view kIdleContinue = "idle.continue";
inline constexpr std::string_view kIdleCountdownForm = "idle.countdown_form";
inline constexpr std::string_view kDiscardQuestion = "discard.question";
inline constexpr std::string_view kDiscardSignupQuestion = "discard.signup_question";
inline constexpr std::string_view kDiscardExplain = "discard.explain";
inline constexpr std::string_view kDiscardKeep = "discard.keep";
inline constexpr std::string_view kDiscardConfirm = "discard.confirm";
inline constexpr std::string_view kAddressBuilding = "address.building";
inline constexpr std::string_view kAddressUnit = "address.unit";
inline constexpr std::string_view kAddressFloor = "address.floor";
inline constexpr std::string_view kAddressUnitAfter = "address.unit_after";    // after a building
inline constexpr std::string_view kAddressFloorAfter = "address.floor_after";  // after a building or unit
inline constexpr std::string_view kDescriptionSeparator = "description.separator";

// "area.<code>" (report_draft.h kCommonAreas), "kind.<complaint|suggestion>", "status.<code>" (plus
// "status.delivered", the kiosk's own step), "agency.<code>", "rate.score.<1..5>", "rate.quick.<code>".
std::string AreaKey(std::string_view code);
std::string KindKey(protocol::FeedbackKind kind);
std::string StatusKey(std::string_view status_code);
std::string AgencyKey(protocol::Agency agency);
std::string RateScoreKey(int score);
std::string RateQuickKey(std::string_view code);
inline constexpr std::string_view kStatusDelivered = "status.delivered";
inline constexpr std::string_view kStatusReplied = "status.replied";  // a reply on the timeline
inline constexpr std::string_view kStatusUpdate = "status.update";    // 督办, 改派: news, not a new stage
// The rating's quick comments, as protocol::Rating codes.
inline constexpr const char* kRateQuickCodes[] = {"satisfied", "slow", "unresolved", "rude"};
// Whether a quick comment fits a score: "satisfied" only with 4 or 5 (a 2 that says 满意 contradicts itself).
bool RateQuickFits(std::string_view code, int score);

// The kiosk's own suggestion phrases, offered for a category whose platform sends none
// ("suggestion.phrase.<code>").
inline constexpr const char* kGeneralSuggestionPhrases[] = {"facilities", "hours", "activities", "management",
                                                            "information"};
std::string SuggestionPhraseKey(std::string_view code);

// Every key of this file, the generated ones and those the keyboard and number pad look up.
std::vector<std::string> FeedbackKeys();

}  // namespace ck::ui::keys
