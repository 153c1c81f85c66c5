// Work-order view pieces: every key made from a wire code has both languages, the phone mask, and the
// party rule (the street office handles all; another party only its own; the owner alone sees the phone).
#include "sync/hub/console/work_order_view.h"
#include "sync/protocol/phone_mask.h"

#include <gtest/gtest.h>

namespace ck::hub::console {
namespace {

using protocol::Agency;
using protocol::RequestStatus;

TEST(WorkOrderViewTest, KeysMadeFromCodesExist) {
  for (auto s :
       {RequestStatus::Submitted, RequestStatus::Accepted, RequestStatus::Assigned, RequestStatus::InProgress,
        RequestStatus::Resolved, RequestStatus::Closed, RequestStatus::Reopened}) {
    EXPECT_TRUE(HasText("orders.status." + std::string(protocol::RequestStatusCode(s))));
    EXPECT_NE(StatusName(Lang::Zh, s), StatusName(Lang::En, s));
  }
  for (Channel c : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    EXPECT_TRUE(HasText("orders.channel." + std::string(ChannelCode(c))));
  for (Agency a : {Agency::StreetOffice, Agency::PropertyCompany, Agency::ResidentsCommittee})
    EXPECT_TRUE(HasText("party." + std::string(protocol::AgencyCode(a))));
}

// The console masks with the kiosk's mask (sync/protocol/phone_mask.h, pinned in phone_mask_test): its
// own copy used to answer "***45" here, and "**34" for a 4-digit number.
TEST(WorkOrderViewTest, PhoneIsMaskedToThreeAndFour) {
  EXPECT_EQ(protocol::MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(protocol::MaskPhone("02161234567"), "021****4567");
  EXPECT_EQ(protocol::MaskPhone("12345"), "****45");
  EXPECT_EQ(protocol::MaskPhone("1234"), "****");
  EXPECT_EQ(protocol::MaskPhone(""), "");
}

TEST(WorkOrderViewTest, PartiesHandleTheirOwnAndOnlyTheOwnerSeesThePhone) {
  StaffAccount street, property, committee, owners;
  street.party = Party::StreetOffice;
  property.party = Party::PropertyCompany;
  committee.party = Party::ResidentsCommittee;
  owners.party = Party::OwnersCommittee;
  RequestRecord fresh;  // not dispatched: the street office's
  EXPECT_TRUE(MayHandleTicket(street, fresh));
  EXPECT_FALSE(MayHandleTicket(property, fresh));
  EXPECT_TRUE(MaySeeResidentPhone(street, fresh));
  RequestRecord theirs;
  theirs.status.agency = Agency::PropertyCompany;
  EXPECT_TRUE(MayHandleTicket(street, theirs));
  EXPECT_TRUE(MayHandleTicket(property, theirs));
  EXPECT_FALSE(MayHandleTicket(committee, theirs));
  EXPECT_FALSE(MayHandleTicket(owners, theirs));
  EXPECT_TRUE(MaySeeResidentPhone(property, theirs));
  EXPECT_FALSE(MaySeeResidentPhone(street, theirs)) << "the street office handles it but the phone is 物业's";
}

// Every refusal the editor names (WriteResult::code) and every timeline kind has words in both languages,
// so no rule's English message reaches a Chinese page.
TEST(WorkOrderViewTest, EveryRuleRefusalAndEventKindHasWords) {
  for (const char* code :
       {"street_only", "not_owner", "not_open", "not_dispatched", "redispatch_same_party", "street_cannot_return",
        "street_no_extension", "extension_pending", "extension_not_later", "no_extension", "not_overdue",
        "expected_past", "use_dispatch", "status_not_settable", "accept_from", "dispatch_first", "reply_first",
        "reply_first_close", "reply_closed", "reply_same", "already_closed", "already_accepted",
        "already_in_progress", "already_resolved", "invalid", "refused"})
    EXPECT_TRUE(HasText("rule." + std::string(code))) << code;
  for (const char* field : {"responsible", "reason", "text", "note"})
    for (const char* why : {"required", "too_long", "utf8"})
      EXPECT_TRUE(HasText("rule." + std::string(field) + "." + why)) << field << why;
  for (auto k : {protocol::EventKind::Filed, protocol::EventKind::Status, protocol::EventKind::Reply,
                 protocol::EventKind::Dispatch, protocol::EventKind::Redispatch, protocol::EventKind::Return,
                 protocol::EventKind::Supervise, protocol::EventKind::ExtensionAsked,
                 protocol::EventKind::ExtensionGranted, protocol::EventKind::ExtensionRefused,
                 protocol::EventKind::Rating})
    EXPECT_TRUE(HasText("orders.event." + std::string(protocol::EventKindCode(k)))) << protocol::EventKindCode(k);
}

// 退单 and 延期申请 belong to the party holding an open ticket, never to the street office.
TEST(WorkOrderViewTest, OnlyTheHolderReturnsOrAsksForMoreTime) {
  StaffAccount street, property, committee;
  street.party = Party::StreetOffice;
  property.party = Party::PropertyCompany;
  committee.party = Party::ResidentsCommittee;
  RequestRecord theirs;
  theirs.status.agency = Agency::PropertyCompany;
  theirs.status.status = RequestStatus::Assigned;
  EXPECT_TRUE(MayReturn(property, theirs));
  EXPECT_TRUE(MayAskExtension(property, theirs));
  EXPECT_FALSE(MayReturn(street, theirs));
  EXPECT_FALSE(MayReturn(committee, theirs));
  theirs.work.extension_until = 1;
  EXPECT_FALSE(MayAskExtension(property, theirs)) << "one pending request at a time";
  theirs.status.status = RequestStatus::Resolved;
  EXPECT_FALSE(MayReturn(property, theirs));
}

// The timeline's notes as request_editor.cpp stores them (Chinese): in English, every word the system
// wrote is English and people's own words stay as written; in Chinese, the line reads as stored.
// CJK ideographs and punctuation (U+2E80–U+9FFF) and full-width forms such as ：and ；(U+FF00–U+FFEF):
// all three-byte UTF-8.
bool HasCjk(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xF0) != 0xE0) continue;
    unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                  (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF)) return true;
  }
  return false;
}

TEST(WorkOrderViewTest, TimelineNotesAreInThePagesLanguageAndPeoplesWordsAsWritten) {
  using protocol::EventKind;
  struct Case {
    EventKind kind;
    std::string stored;       // as request_editor.cpp writes it
    std::string zh_shown;     // the Chinese line (prefixes the label already says dropped)
    std::string en_shown;
    std::vector<std::string> free;  // the people's words, kept as typed
  };
  const std::vector<Case> cases = {
      {EventKind::Dispatch, "物业 张三：请今天处理", "物业 张三：请今天处理", "物业 张三: 请今天处理",
       {"物业 张三", "请今天处理"}},
      {EventKind::Dispatch, "物业服务中心 王丽：本单位前台代录入并承办", "物业服务中心 王丽：本单位前台代录入并承办",
       "物业服务中心 王丽: Filed at this party's desk, which owns it", {"物业服务中心 王丽"}},
      {EventKind::Redispatch, "改派：物业 张三 → 居委会 李四；理由：不属物业", "物业 张三 → 居委会 李四；理由：不属物业",
       "物业 张三 → 居委会 李四; reason: 不属物业", {"物业 张三", "居委会 李四", "不属物业"}},
      {EventKind::Redispatch, "改派：→ Li Si；理由：wrong party", "→ Li Si；理由：wrong party",
       "→ Li Si; reason: wrong party", {"Li Si", "wrong party"}},
      {EventKind::ExtensionAsked, "→ 2026-12-08 18:00；理由：等配件", "→ 2026-12-08 18:00；理由：等配件",
       "until 2026-12-08 18:00; reason: 等配件", {"等配件"}},
      {EventKind::ExtensionGranted, "→ 2026-12-08 18:00；同意", "→ 2026-12-08 18:00；同意",
       "until 2026-12-08 18:00; 同意", {"同意"}},
      {EventKind::ExtensionGranted, "→ 2026-12-08 18:00", "→ 2026-12-08 18:00", "until 2026-12-08 18:00", {}},
      {EventKind::Supervise, "督办：尽快", "尽快", "尽快", {"尽快"}},
      {EventKind::Return, "不是我们的", "不是我们的", "不是我们的", {"不是我们的"}},
      {EventKind::Reply, "已清运", "已清运", "已清运", {"已清运"}},
  };
  for (const Case& c : cases) {
    protocol::StatusEvent e;
    e.kind = c.kind;
    e.note = c.stored;
    for (Lang lang : {Lang::Zh, Lang::En}) {
      std::string line;
      std::vector<std::string> free;
      for (const NotePart& p : TimelineNote(lang, e)) {
        line += p.text;
        if (p.free) {
          free.push_back(p.text);
        } else if (lang == Lang::En) {
          EXPECT_FALSE(HasCjk(p.text)) << c.stored << ": system words \"" << p.text << "\" in English";
        }
      }
      EXPECT_EQ(line, lang == Lang::Zh ? c.zh_shown : c.en_shown) << c.stored;
      EXPECT_EQ(free, c.free) << c.stored;
    }
  }
  EXPECT_TRUE(HasCjk("；"));
  EXPECT_TRUE(HasCjk("理"));
  EXPECT_FALSE(HasCjk("→ until 2026-12-08 18:00; reason: "));
}

}  // namespace
}  // namespace ck::hub::console
