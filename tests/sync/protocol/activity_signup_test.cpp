// Sign-up wire types: what passes, what is refused and named, and that a status survives the round trip.
#include "sync/protocol/activity_signup.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sync/protocol/ticket_code.h"

namespace ck::protocol {
namespace {

SignupSubmission Valid() {
  SignupSubmission s;
  s.signup_uuid = "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
  s.code = *MakeTicketCode({7, 123456789});
  s.activity_id = "0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70";
  s.occurrence = 1'800'000'000;
  s.name = "王阿姨";
  s.phone = "13800138000";
  s.people = 2;
  s.device_id = "kiosk-1";
  s.submitted_at = 1'799'990'000;
  return s;
}

TEST(SignupTest, ASubmissionSurvivesTheWire) {
  SignupSubmission s = Valid();
  auto back = SignupSubmissionFromJson(nlohmann::json(s));
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, s);
}

TEST(SignupTest, EachBrokenFieldIsNamed) {
  struct Case {
    void (*breaks)(SignupSubmission&);
    const char* field;
  };
  const Case cases[] = {
      {[](SignupSubmission& s) { s.signup_uuid = "x"; }, "signup_uuid"},
      {[](SignupSubmission& s) { s.code = "2222-2222-22223"; }, "code"},
      {[](SignupSubmission& s) { s.code = "abcd"; }, "code"},
      {[](SignupSubmission& s) { s.activity_id = ""; }, "activity_id"},
      {[](SignupSubmission& s) { s.name = ""; }, "name"},
      {[](SignupSubmission& s) { s.name = std::string(41 * 3, 'a'); }, "name"},
      {[](SignupSubmission& s) { s.phone = "1380"; }, "phone"},
      {[](SignupSubmission& s) { s.phone = "138-0013-8000"; }, "phone"},
      {[](SignupSubmission& s) { s.people = 0; }, "people"},
      {[](SignupSubmission& s) { s.people = 5; }, "people"},
  };
  for (const Case& c : cases) {
    SignupSubmission s = Valid();
    c.breaks(s);
    auto r = SignupSubmissionFromJson(nlohmann::json(s));
    ASSERT_FALSE(r) << c.field;
    EXPECT_NE(r.error().find(c.field), std::string::npos) << r.error();
  }
}

TEST(SignupTest, MalformedJsonIsAnErrorNotAThrow) {
  EXPECT_FALSE(SignupSubmissionFromJson(nlohmann::json::array()));
  EXPECT_FALSE(SignupSubmissionFromJson(nlohmann::json{{"people", "2"}}));
  EXPECT_FALSE(ParseSignupStatusList("{"));
  EXPECT_FALSE(ParseSignupStatusList(R"({"signups":{}})"));
}

TEST(SignupTest, StatusesRoundTripAndHoldTheirInvariants) {
  SignupStatus waiting{.code = Valid().code,
                       .activity_id = Valid().activity_id,
                       .occurrence = 1'800'000'000,
                       .people = 1,
                       .state = SignupState::Waitlisted,
                       .waitlist_position = 3,
                       .refusal = SignupRefusal::None,
                       .updated_at = 1'799'999'000};
  SignupStatus refused = waiting;
  refused.state = SignupState::Refused;
  refused.waitlist_position = 0;
  refused.refusal = SignupRefusal::SignupClosed;
  auto list = ParseSignupStatusList(SignupStatusListToJson({waiting, refused}));
  ASSERT_TRUE(list) << list.error();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], waiting);
  EXPECT_EQ((*list)[1], refused);

  SignupStatus bad = waiting;
  bad.waitlist_position = 0;  // waitlisted without a place in the queue
  EXPECT_FALSE(ValidateSignupStatus(bad));
  bad = refused;
  bad.refusal = SignupRefusal::None;  // refused without a reason
  EXPECT_FALSE(ValidateSignupStatus(bad));
  nlohmann::json pending = waiting;
  pending["state"] = "pending";  // a kiosk-only state never comes from the hub
  EXPECT_FALSE(SignupStatusFromJson(pending));
}

}  // namespace
}  // namespace ck::protocol
