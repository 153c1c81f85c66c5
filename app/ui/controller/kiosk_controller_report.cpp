// The report flow's side outside the frame: steps, the number pad's fields, and the submission.
#include <cstdio>

#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/report/report_text.h"
#include "app/ui/text/feedback_keys.h"
#include "sync/protocol/journal_log.h"

namespace ck::ui {
namespace {

// Building, unit and floor numbers: three digits is every building a community has.
constexpr std::size_t kPlaceDigits = 3;
// Mobile numbers have 11 digits, landlines with area code 12.
constexpr std::size_t kPhoneDigits = 12;

std::string& FieldOf(ReportDraft& r) {
  switch (r.where_field) {
    case WhereField::Unit:
      return r.unit;
    case WhereField::Floor:
      return r.floor;
    case WhereField::Building:
      break;
  }
  return r.building;
}

}  // namespace

void KioskController::OpenReport() {
  WipeForms();
  StartKeyboard();
  EnterReportStep(Screen::ReportKind);
}

void KioskController::EnterReportStep(Screen step) {
  ReportDraft& r = state_.report;
  state_.screen = step;
  if (step != Screen::ReportReview) r.error_key.clear();
  if (step == Screen::ReportWhere)
    pad_ = input::NumberPadModel(input::NumberPadKind::Digits, kPlaceDigits, FieldOf(r));
  if (step == Screen::ReportContact)
    pad_ = input::NumberPadModel(input::NumberPadKind::Digits, kPhoneDigits, r.phone);
  if (step == Screen::ReportWhat) {
    keyboard_->Reset(r.free_text);
    r.keyboard_open = false;
  }
}

const ServiceView* KioskController::CurrentService() const {
  for (const ServiceView& s : vm_.services)
    if (s.code == state_.report.service_code) return &s;
  return nullptr;
}

void KioskController::ReportNext(protocol::UnixSeconds now) {
  ReportDraft& r = state_.report;
  switch (state_.screen) {
    case Screen::ReportWhere:
      if (r.HasPlace()) EnterReportStep(Screen::ReportWhat);
      break;
    case Screen::ReportWhat:
      // Letters still being composed count as typed: the resident sees them in the field.
      if (keyboard_->state().pinyin.composing())
        keyboard_->Apply(input::KeyAction::Of(input::KeyAction::Kind::Confirm));
      r.free_text = keyboard_->text();
      if (r.HasWhat()) EnterReportStep(Screen::ReportContact);
      break;
    case Screen::ReportContact:
      r.phone = pad_.text();
      if (r.phone.empty()) r.leave_phone = false;
      EnterReportStep(Screen::ReportReview);
      break;
    case Screen::ReportReview:
      SubmitReport(now);
      break;
    default:
      break;
  }
}

void KioskController::ApplyReportPad(const input::NumberPadAction& action, protocol::UnixSeconds now) {
  ReportDraft& r = state_.report;
  const input::NumberPadState& st = pad_.Apply(action);
  if (state_.screen == Screen::ReportContact) {
    r.phone = st.text;
    if (st.confirmed) ReportNext(now);
    return;
  }
  if (state_.screen != Screen::ReportWhere) return;
  FieldOf(r) = st.text;
  if (!st.text.empty()) r.common_area.clear();
  if (!st.confirmed) return;
  // "Done" moves to the next field, and after the floor to the next step.
  if (r.where_field == WhereField::Building) {
    r.where_field = WhereField::Unit;
  } else if (r.where_field == WhereField::Unit) {
    r.where_field = WhereField::Floor;
  } else {
    ReportNext(now);
    return;
  }
  pad_ = input::NumberPadModel(input::NumberPadKind::Digits, kPlaceDigits, FieldOf(r));
}

store::FeedbackDraft KioskController::ToStoreDraft() const {
  const ReportDraft& r = state_.report;
  const ServiceView* service = CurrentService();
  store::FeedbackDraft d;
  d.kind = r.kind.value_or(protocol::FeedbackKind::Complaint);
  d.service_code = r.service_code;
  d.service_name = service != nullptr ? service->name : std::string();
  // The platform's operators read Chinese, whatever language the resident used.
  d.address_string = AddressText(r, translations_.chinese);
  d.description = DescriptionText(r, service, translations_.chinese, /*english=*/false);
  d.phone = r.leave_phone ? r.phone : std::string();
  return d;
}

void KioskController::SubmitReport(protocol::UnixSeconds now) {
  ReportDraft& r = state_.report;
  if (services_.feedback == nullptr) return;
  if (!r.kind || CurrentService() == nullptr || !r.HasPlace() || !r.HasWhat()) {
    r.error_key = std::string(keys::kReportErrorIncomplete);
    return;
  }
  const std::uint32_t kiosk =
      options_.kiosk_number != 0 ? options_.kiosk_number : services_.feedback->LearntKioskNumber();
  auto receipt = services_.feedback->Submit(ToStoreDraft(), now, kiosk);
  if (!receipt) {
    // Validation or the disk (full, read-only): the form stays as it is, so nothing is typed twice. The
    // store's message names no personal data.
    log::Error("community-kiosk: report not saved: %s", receipt.error().c_str());
    r.error_key = std::string(keys::kReportErrorSave);
    return;
  }
  ReceiptView v;
  v.ticket_code = receipt->ticket_code;
  if (!options_.share_base_url.empty()) {
    v.share_url = options_.share_base_url + "/t/" + v.ticket_code;
    v.qr = EncodeQr(v.share_url);
  }
  vm_.receipt = std::move(v);
  // The receipt is all that stays: the phone number and what was typed leave memory now.
  state_.report = {};
  keyboard_->Reset();
  pad_.Reset();
  state_.screen = Screen::ReportReceipt;
  if (services_.sync != nullptr) services_.sync->RequestSyncNow();
}

void KioskController::RefreshReceipt() {
  if (!vm_.receipt || services_.feedback == nullptr) return;
  const auto ticket = services_.feedback->FindByTicketCode(vm_.receipt->ticket_code);
  if (!ticket) return;
  vm_.receipt->delivery = ToDeliveryView(ticket->delivery);
  if (ticket->receipt.ticket_code != vm_.receipt->ticket_code) {  // the hub reassigned the code
    vm_.receipt->ticket_code = ticket->receipt.ticket_code;
    if (!vm_.receipt->share_url.empty()) {
      vm_.receipt->share_url = options_.share_base_url + "/t/" + vm_.receipt->ticket_code;
      vm_.receipt->qr = EncodeQr(vm_.receipt->share_url);
    }
  }
}

}  // namespace ck::ui
