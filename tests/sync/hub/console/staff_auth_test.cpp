// Staff sign-in: Argon2id hashes, the stored lock-outs (they survive reopening the database) per name and
// address and per account away from its desks, one answer for every refusal, rate limits, session
// renewal, idle and absolute expiry, sign-out, disabled accounts, password changes.
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/console/staff_auth.h"

#include <gtest/gtest.h>

#include "sync/hub/console/password.h"
#include "sync/hub/rules/party_policy.h"
#include "tests/sync/hub/hub_test_support.h"
#include "tests/sync/hub/pg_test_cluster.h"
#include "tests/sync/hub/store/store_backends.h"

namespace ck::hub::console {
namespace {

constexpr protocol::UnixSeconds kT0 = 1'795'651'200;

TEST(PasswordTest, HashIsArgon2idWithTheStatedParametersAndVerifies) {
  std::string h = HashPassword("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0), 0u) << h;
  EXPECT_TRUE(VerifyPassword(h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(h, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(h, ""));
  // Two hashes of one password differ (random salt).
  EXPECT_NE(h, HashPassword("correct horse battery", TestPasswordCost()));
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
  for (std::string bad : std::vector<std::string>{"", "$argon2id$", "plain", std::string(200, 'x'),
                                                  "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA"})
    EXPECT_FALSE(VerifyPassword(bad, "anything")) << bad;
}

TEST(PasswordTest, SessionIdsAreRandomAndCsrfTokensBoundToThem) {
  std::string a = NewSessionId(), b = NewSessionId();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(HashSessionId(a), a);
  EXPECT_EQ(CsrfTokenFor(a), CsrfTokenFor(a));
  EXPECT_NE(CsrfTokenFor(a), CsrfTokenFor(b));
  EXPECT_TRUE(SecretHashesEqual(CsrfTokenFor(a), CsrfTokenFor(a)));
  EXPECT_FALSE(SecretHashesEqual(CsrfTokenFor(a), CsrfTokenFor(b)));
  EXPECT_FALSE(SecretHashesEqual("", CsrfTokenFor(a)));
}

TEST(LockoutTest, DelayGrowsAndIsCapped) {
  EXPECT_EQ(LockSecondsAfter(kFreeFailures), 0);
  EXPECT_EQ(LockSecondsAfter(kFreeFailures + 1), 30);
  EXPECT_EQ(LockSecondsAfter(kFreeFailures + 2), 60);
  EXPECT_EQ(LockSecondsAfter(kFreeFailures + 3), 120);
  EXPECT_EQ(LockSecondsAfter(kFreeFailures + 50), kMaxLockSeconds);
}

// Who manages whose accounts and whose reply templates (rules/party_policy.h).
TEST(PartyPolicyTest, ManagersManageTheirPartysStaffAndTheStreetOfficesManagersEveryParty) {
  auto staff = [](std::int64_t id, Party p, StaffRole r) {
    StaffAccount a;
    a.id = id;
    a.party = p;
    a.role = r;
    return a;
  };
  StaffAccount street_mgr = staff(1, Party::StreetOffice, StaffRole::Manager);
  StaffAccount property_mgr = staff(2, Party::PropertyCompany, StaffRole::Manager);
  StaffAccount property_clerk = staff(3, Party::PropertyCompany, StaffRole::Clerk);
  StaffAccount committee_clerk = staff(4, Party::ResidentsCommittee, StaffRole::Clerk);
  EXPECT_TRUE(MayManageStaffAccount(property_mgr, property_clerk));
  EXPECT_FALSE(MayManageStaffAccount(property_mgr, committee_clerk));
  EXPECT_FALSE(MayManageStaffAccount(property_clerk, property_clerk)) << "a clerk manages nobody";
  EXPECT_FALSE(MayManageStaffAccount(property_mgr, property_mgr)) << "nor a manager their own account";
  EXPECT_TRUE(MayManageStaffAccount(street_mgr, committee_clerk));
  EXPECT_TRUE(MayManageStaffAccount(street_mgr, property_mgr));
  EXPECT_FALSE(MayManageStaff(committee_clerk));

  ReplyTemplate street_t, committee_t;
  street_t.party = Party::StreetOffice;
  committee_t.party = Party::ResidentsCommittee;
  EXPECT_TRUE(MayReadReplyTemplate(committee_clerk, street_t)) << "the street office's are shared";
  EXPECT_FALSE(MayEditReplyTemplate(committee_clerk, street_t)) << "read-only to others";
  EXPECT_TRUE(MayEditReplyTemplate(committee_clerk, committee_t));
  EXPECT_FALSE(MayReadReplyTemplate(property_clerk, committee_t));
  EXPECT_FALSE(MayEditReplyTemplate(street_mgr, committee_t)) << "not even the street office edits others'";
}

// On every store backend (tests/sync/hub/store/store_backends.h): the lock-out lives in the database.
class StaffAuthTest : public ::testing::TestWithParam<hub::testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    backend_ = hub::testing::StoreUnderTest::Make(GetParam(), &skip);
    if (!backend_) {
      if (hub::testing::PgTestCluster::Required()) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
    Reopen();
  }
  void Reopen() {
    auth_.reset();
    store_.reset();
    auto r = backend_->OpenConsole();
    ASSERT_TRUE(r.ok()) << r.error();
    store_ = std::move(r).value();
    auth_ = std::make_unique<StaffAuth>(*store_, SessionPolicy{}, TestPasswordCost());
  }
  StaffAccount Add(const std::string& name, Party party, const std::string& password) {
    StaffAccount a;
    a.name = name;
    a.party = party;
    a.role = StaffRole::Clerk;
    a.password_hash = HashPassword(password, TestPasswordCost());
    a.created_at = kT0;
    auto r = store_->AddStaff(a);
    EXPECT_TRUE(r.ok()) << r.message;
    return r.value.value_or(a);
  }
  std::unique_ptr<hub::testing::StoreUnderTest> backend_;
  std::unique_ptr<ConsoleRepository> store_;
  std::unique_ptr<StaffAuth> auth_;
};
CK_STORE_BACKENDS(StaffAuthTest);

TEST_P(StaffAuthTest, RightPasswordSignsInWrongOneDoesNotAndBothAreAudited) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto bad = auth_->SignIn("wang.li", "nope-nope", "10.0.0.1", kT0);
  EXPECT_EQ(bad.error, SignInError::BadCredentials);
  EXPECT_TRUE(bad.session_id.empty());
  auto unknown = auth_->SignIn("nobody", "secret-pass-1", "10.0.0.1", kT0);
  EXPECT_EQ(unknown.error, SignInError::BadCredentials);
  auto ok = auth_->SignIn("WANG.LI", "secret-pass-1", "10.0.0.1", kT0);  // names ignore case
  ASSERT_EQ(ok.error, SignInError::None);
  EXPECT_FALSE(ok.session_id.empty());
  auto who = auth_->Resolve(ok.session_id, kT0 + 1);
  ASSERT_TRUE(who.ok());
  ASSERT_TRUE(who->has_value());
  EXPECT_EQ((*who)->staff.party, Party::PropertyCompany);

  auto log = store_->QueryAudit({});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->entries.size(), 3u);
  EXPECT_EQ(log->entries[0].action, "signin");
  EXPECT_EQ(log->entries[1].action, "signin.failed");
  EXPECT_EQ(log->entries[1].detail.rfind("unknown name", 0), 0u) << log->entries[1].detail;
  EXPECT_EQ(log->entries[2].action, "signin.failed");
  for (const auto& e : log->entries) {
    EXPECT_EQ(e.detail.find("secret-pass-1"), std::string::npos);  // never a password
    EXPECT_EQ(e.detail.find("nope-nope"), std::string::npos);
  }
}

TEST_P(StaffAuthTest, LockOutSurvivesReopeningTheDatabase) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  // Different addresses, none a desk of the account: the account-wide count is what locks.
  for (int i = 0; i <= kFreeFailures; ++i)
    EXPECT_EQ(
        auth_->SignIn("wang.li", "wrong-" + std::to_string(i), "10.0.1." + std::to_string(i), kT0).error,
        SignInError::BadCredentials);
  auto locked = auth_->SignIn("wang.li", "secret-pass-1", "10.0.2.1", kT0 + 1);
  EXPECT_EQ(locked.error, SignInError::BadCredentials) << "a lock answers like a wrong password";
  EXPECT_TRUE(locked.session_id.empty());

  Reopen();  // a restart: a new connection, a new StaffAuth, nothing in memory
  auto account = store_->FindStaffByName("wang.li");
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ((*account)->failed_signins, kFreeFailures + 1);
  EXPECT_EQ((*account)->locked_until, kT0 + LockSecondsAfter(kFreeFailures + 1));
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.2.2", kT0 + 2).error, SignInError::BadCredentials);

  // Once the lock has passed the right password works and clears the count.
  auto later = auth_->SignIn("wang.li", "secret-pass-1", "10.0.2.3", kT0 + 31);
  EXPECT_EQ(later.error, SignInError::None);
  account = store_->FindStaffByName("wang.li");
  EXPECT_EQ((*account)->failed_signins, 0);
  EXPECT_EQ((*account)->locked_until, 0);
}

// An unknown name, a wrong password, a locked account and a disabled one: the same outcome, so a
// receipt holder cannot learn which names exist (before, a known name answered 423 after six tries).
TEST_P(StaffAuthTest, ProbingLearnsNothing) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  Add("li.mei", Party::ResidentsCommittee, "secret-pass-2");
  ASSERT_TRUE(store_->DisableStaff("li.mei", kT0).ok());
  std::vector<SignInOutcome> answers;
  for (int i = 0; i < kFreeFailures + 3; ++i) {
    protocol::UnixSeconds t = kT0 + 30 * i;  // under the per-address limit
    answers.push_back(auth_->SignIn("wang.li", "wrong", "203.0.113.9", t));
    answers.push_back(auth_->SignIn("no.such.name", "wrong", "203.0.113.9", t));
    answers.push_back(auth_->SignIn("li.mei", "secret-pass-2", "203.0.113.9", t));
  }
  // wang.li is locked at that address by now; its right password answers the same.
  answers.push_back(auth_->SignIn("wang.li", "secret-pass-1", "203.0.113.9", kT0 + 30 * (kFreeFailures + 2) + 1));
  for (const auto& a : answers) {
    EXPECT_EQ(a.error, SignInError::BadCredentials);
    EXPECT_EQ(a.retry_after, 0);
    EXPECT_TRUE(a.session_id.empty());
  }
}

// The owner signed in from their desk before; a stranger who knows the name guesses from elsewhere. The
// stranger is locked at their address and the account is slowed for unknown addresses, but the owner
// still signs in from the desk.
TEST_P(StaffAuthTest, AStrangerCannotKeepTheOwnerOutOfTheirDesk) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto first = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.5", kT0);
  ASSERT_EQ(first.error, SignInError::None);
  for (int i = 0; i < 4 * kFreeFailures; ++i)
    auth_->SignIn("wang.li", "guess-" + std::to_string(i), "198.51.100." + std::to_string(i % 3), kT0 + 10 + 2 * i);
  protocol::UnixSeconds t = kT0 + 10 + 2 * 4 * kFreeFailures - 1;  // the last guess was a second ago
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "198.51.100.0", t).error, SignInError::BadCredentials)
      << "the stranger is locked out";
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "192.0.2.44", t).error, SignInError::BadCredentials)
      << "the account-wide delay slows every address it never signed in from";
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.5", t).error, SignInError::None)
      << "the owner's desk is not locked out by the stranger";
}

// Wrong passwords from one's own desk lock the name there (stored), not the account elsewhere.
TEST_P(StaffAuthTest, ANameIsLockedPerAddressAndTheLockSurvivesARestart) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  ASSERT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.7", kT0).error, SignInError::None);
  for (int i = 0; i <= kFreeFailures; ++i) auth_->SignIn("wang.li", "typo", "10.0.0.7", kT0 + 10 + 10 * i);
  protocol::UnixSeconds t = kT0 + 10 + 10 * (kFreeFailures + 1);
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.7", t).error, SignInError::BadCredentials);
  Reopen();
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.7", t + 1).error, SignInError::BadCredentials);
  EXPECT_EQ((*store_->FindStaffByName("wang.li"))->failed_signins, 0) << "failures at a desk are not account-wide";
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.8", t + 2).error, SignInError::None);
  // The lock at 10.0.0.7 runs out on its own.
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.7", t + kMaxLockSeconds).error, SignInError::None);
}

TEST_P(StaffAuthTest, OldFailureCountsAreForgottenButLiveLocksKept) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  ASSERT_TRUE(store_->CountAddressFailure("nobody", "10.1.1.1", kT0).ok());
  ASSERT_TRUE(store_->CountAddressFailure("wang.li", "10.1.1.2", kT0).ok());
  ASSERT_TRUE(store_->LockAddressUntil("wang.li", "10.1.1.2", kT0 + 100 * 3600).ok());
  ASSERT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0 + 2 * 24 * 3600).error, SignInError::None);
  EXPECT_EQ(*store_->CountAddressFailure("nobody", "10.1.1.1", kT0 + 2 * 24 * 3600), 1) << "forgotten: counts anew";
  EXPECT_EQ(*store_->AddressLockedUntil("wang.li", "10.1.1.2"), kT0 + 100 * 3600) << "a live lock stays";
}

TEST_P(StaffAuthTest, AManagersOneTimePasswordMustBeChangedAndChangingEndsOtherSessions) {
  StaffAccount a = Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto other = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  ASSERT_TRUE(auth_->SetOneTimePassword(a.id, "OneTime-2345").ok());
  EXPECT_FALSE(auth_->Resolve(other.session_id, kT0 + 1)->has_value()) << "a reset ends every session";
  auto s = auth_->SignIn("wang.li", "OneTime-2345", "10.0.0.1", kT0 + 2);
  ASSERT_EQ(s.error, SignInError::None);
  EXPECT_TRUE(s.staff->must_change_password);
  auto second = auth_->SignIn("wang.li", "OneTime-2345", "10.0.0.2", kT0 + 3);
  auto who = auth_->Resolve(s.session_id, kT0 + 4);
  ASSERT_TRUE(who->has_value());
  using C = StaffAuth::PasswordChange;
  EXPECT_EQ(auth_->ChangeOwnPassword(**who, "not-it", "my-own-pass-9"), C::WrongCurrent);
  EXPECT_EQ(auth_->ChangeOwnPassword(**who, "OneTime-2345", "short"), C::TooShort);
  EXPECT_EQ(auth_->ChangeOwnPassword(**who, "OneTime-2345", "OneTime-2345"), C::Same);
  EXPECT_EQ(auth_->ChangeOwnPassword(**who, "OneTime-2345", "my-own-pass-9"), C::Done);
  EXPECT_TRUE(auth_->Resolve(s.session_id, kT0 + 5)->has_value()) << "this session stays";
  EXPECT_FALSE(auth_->Resolve(second.session_id, kT0 + 5)->has_value()) << "the others end";
  EXPECT_FALSE((*store_->FindStaff(a.id))->must_change_password);
  EXPECT_EQ(auth_->SignIn("wang.li", "my-own-pass-9", "10.0.0.1", kT0 + 6).error, SignInError::None);
}

TEST_P(StaffAuthTest, AWrongPasswordAfterTheLockLocksLonger) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  for (int i = 0; i <= kFreeFailures; ++i)
    auth_->SignIn("wang.li", "wrong", "10.0.1." + std::to_string(i), kT0);
  auth_->SignIn("wang.li", "wrong", "10.0.3.1", kT0 + 31);  // after the 30 s lock: one more failure
  auto account = store_->FindStaffByName("wang.li");
  EXPECT_EQ((*account)->locked_until, kT0 + 31 + 60);
}

TEST_P(StaffAuthTest, OneAddressIsRateLimited) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  for (int i = 0; i < kAttemptsPerWindow; ++i)
    EXPECT_NE(auth_->SignIn("nobody" + std::to_string(i), "x", "10.9.9.9", kT0).error,
              SignInError::RateLimited);
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.9.9.9", kT0).error, SignInError::RateLimited);
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.9.9.8", kT0).error, SignInError::None);
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.9.9.9", kT0 + 60).error, SignInError::None);
}

// The per-address limit counted in the database (as `serve` wires it): two StaffAuth on one store, as two
// hub processes have, share it; a store that cannot count answers Storage, never "allowed".
TEST_P(StaffAuthTest, TheRateLimitIsSharedThroughTheStoreAndABrokenStoreRefuses) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto throttles_a = backend_->OpenThrottles();
  auto throttles_b = backend_->OpenThrottles();
  ASSERT_TRUE(throttles_a.ok() && throttles_b.ok());
  StaffAuth a(*store_, SessionPolicy{}, TestPasswordCost(), throttles_a->get());
  StaffAuth b(*store_, SessionPolicy{}, TestPasswordCost(), throttles_b->get());
  for (int i = 0; i < kAttemptsPerWindow; ++i)
    EXPECT_NE((i % 2 ? a : b).SignIn("nobody" + std::to_string(i), "x", "10.9.9.7", kT0).error,
              SignInError::RateLimited);
  EXPECT_EQ(a.SignIn("wang.li", "secret-pass-1", "10.9.9.7", kT0).error, SignInError::RateLimited);
  EXPECT_EQ(b.SignIn("wang.li", "secret-pass-1", "10.9.9.7", kT0).error, SignInError::RateLimited);

  struct BrokenStore : ThrottleRepository {
    Result<double> BucketTokens(std::string_view, const BucketRule&, std::int64_t) override {
      return Result<double>::Fail("disk I/O error");
    }
    Result<double> TakeToken(std::string_view, const BucketRule&, std::int64_t) override {
      return Result<double>::Fail("disk I/O error");
    }
    Result<bool> CountAttempt(std::string_view, protocol::UnixSeconds, protocol::UnixSeconds, int) override {
      return Result<bool>::Fail("disk I/O error");
    }
  } broken;
  StaffAuth c(*store_, SessionPolicy{}, TestPasswordCost(), &broken);
  EXPECT_EQ(c.SignIn("wang.li", "secret-pass-1", "10.9.9.6", kT0).error, SignInError::Storage);
}

TEST_P(StaffAuthTest, SessionsExpireWhenIdleAndAfterTheAbsoluteLimit) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto s = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  ASSERT_EQ(s.error, SignInError::None);
  const auto idle = auth_->policy().idle_seconds;
  // Activity keeps it alive...
  protocol::UnixSeconds t = kT0;
  for (int i = 0; i < 5; ++i) {
    t += idle - 60;
    auto who = auth_->Resolve(s.session_id, t);
    ASSERT_TRUE(who.ok());
    EXPECT_TRUE(who->has_value()) << "at +" << (t - kT0);
  }
  // ...idle time ends it, and it stays ended.
  EXPECT_FALSE(auth_->Resolve(s.session_id, t + idle)->has_value());
  EXPECT_FALSE(auth_->Resolve(s.session_id, t + 1)->has_value());

  auto s2 = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  const protocol::UnixSeconds end = kT0 + auth_->policy().absolute_seconds;
  t = kT0;
  for (;;) {
    t += idle - 60;  // never idle for long: only the absolute limit can end it
    if (t >= end) break;
    EXPECT_TRUE(auth_->Resolve(s2.session_id, t)->has_value()) << "at +" << (t - kT0);
  }
  EXPECT_FALSE(auth_->Resolve(s2.session_id, t)->has_value()) << "absolute limit";
}

TEST_P(StaffAuthTest, SignInRenewsTheSessionAndSignOutEndsIt) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto first = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  auto second = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0 + 5, first.session_id);
  ASSERT_EQ(second.error, SignInError::None);
  EXPECT_NE(first.session_id, second.session_id);
  EXPECT_FALSE(auth_->Resolve(first.session_id, kT0 + 6)->has_value()) << "the old session was not ended";
  auto who = auth_->Resolve(second.session_id, kT0 + 6);
  ASSERT_TRUE(who->has_value());
  ASSERT_TRUE(auth_->SignOut(**who, "10.0.0.1", kT0 + 7).ok());
  EXPECT_FALSE(auth_->Resolve(second.session_id, kT0 + 8)->has_value());
}

TEST_P(StaffAuthTest, DisablingAnAccountEndsItsSessionsAndRefusesSignIn) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto s = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  ASSERT_TRUE(store_->DisableStaff("wang.li", kT0 + 1).ok());
  EXPECT_FALSE(auth_->Resolve(s.session_id, kT0 + 2)->has_value());
  EXPECT_EQ(auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0 + 3).error,
            SignInError::BadCredentials);
}

TEST_P(StaffAuthTest, OnlyAHashOfTheSessionIdIsStored) {
  Add("wang.li", Party::PropertyCompany, "secret-pass-1");
  auto s = auth_->SignIn("wang.li", "secret-pass-1", "10.0.0.1", kT0);
  EXPECT_FALSE(store_->FindSession(s.session_id)->has_value());
  EXPECT_TRUE(store_->FindSession(HashSessionId(s.session_id))->has_value());
}

}  // namespace
}  // namespace ck::hub::console
