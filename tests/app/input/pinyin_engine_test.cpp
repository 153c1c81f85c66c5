// PinyinEngine against the real pinyin_simp schema deployed by the build: typing, choosing, paging, errors.
#include "app/input/pinyin_engine.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace ck::input {
namespace {

// rime logs errors only; keep them in the build tree, not /tmp.
constexpr const char* kRimeLogDir = CK_BINARY_DIR "/rime-logs";

std::unique_ptr<PinyinEngine> OpenDeployed() {
  auto engine = PinyinEngine::Open(CK_RIME_DEPLOYED_DIR, kRimeLogDir);
  EXPECT_TRUE(engine.ok()) << engine.error();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

PinyinState Type(PinyinEngine& engine, std::string_view letters) {
  PinyinState state;
  for (char c : letters) state = engine.PressLetter(c);
  return state;
}

// Index of `text` on the current page, paging forward until found; -1 when it never shows up.
int FindCandidate(PinyinEngine& engine, PinyinState& state, const std::string& text) {
  for (int pages = 0; pages < 20; ++pages) {
    auto it = std::find(state.candidates.begin(), state.candidates.end(), text);
    if (it != state.candidates.end()) return static_cast<int>(it - state.candidates.begin());
    if (state.is_last_page) return -1;
    state = engine.NextPage();
  }
  return -1;
}

TEST(PinyinEngineTest, ShequGivesShequCandidateAndCommitsIt) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  PinyinState state = Type(*engine, "shequ");
  EXPECT_TRUE(state.composing());
  ASSERT_FALSE(state.candidates.empty());
  const int index = FindCandidate(*engine, state, "社区");
  ASSERT_GE(index, 0) << "社区 not among the candidates for shequ";
  EXPECT_EQ(engine->SelectCandidate(index), "社区");
  EXPECT_FALSE(engine->State().composing());
}

// Issue 16: "huai le" offered 怀了 before 坏了. The community's words (assets/rime) come first.
TEST(PinyinEngineTest, TheCommunitysWordsComeFirst) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  for (const auto& [letters, word] : {std::pair{"huaile", "坏了"}, std::pair{"loushui", "漏水"},
                                      std::pair{"dule", "堵了"}, std::pair{"tingche", "停车"},
                                      std::pair{"wuye", "物业"}}) {
    engine->Clear();
    const PinyinState state = Type(*engine, letters);
    ASSERT_FALSE(state.candidates.empty()) << letters;
    EXPECT_EQ(state.candidates.front(), word) << letters;
  }
}

TEST(PinyinEngineTest, PagingChangesTheCandidates) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  const PinyinState first = Type(*engine, "shi");
  ASSERT_FALSE(first.is_last_page);
  EXPECT_EQ(first.page, 0);
  const PinyinState second = engine->NextPage();
  EXPECT_EQ(second.page, 1);
  ASSERT_FALSE(second.candidates.empty());
  EXPECT_NE(second.candidates, first.candidates);
  const PinyinState back = engine->PrevPage();
  EXPECT_EQ(back.page, 0);
  EXPECT_EQ(back.candidates, first.candidates);
  engine->Clear();
}

TEST(PinyinEngineTest, BackspaceEditsThePreedit) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  const PinyinState full = Type(*engine, "shequ");
  const PinyinState shorter = engine->Backspace();
  EXPECT_TRUE(shorter.composing());
  EXPECT_NE(shorter.preedit, full.preedit);
  EXPECT_EQ(shorter.preedit.find('u'), std::string::npos) << shorter.preedit;
  for (int i = 0; i < 4; ++i) engine->Backspace();
  EXPECT_FALSE(engine->State().composing());
}

TEST(PinyinEngineTest, PartialChoiceKeepsTheRestComposing) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  PinyinState state = Type(*engine, "shequfuwu");
  // Choose a one-syllable candidate for "she": the remaining letters stay open.
  const int index = FindCandidate(*engine, state, "社");
  ASSERT_GE(index, 0);
  EXPECT_EQ(engine->SelectCandidate(index), "");
  state = engine->State();
  EXPECT_TRUE(state.composing());
  EXPECT_NE(state.preedit.find("社"), std::string::npos) << state.preedit;
  EXPECT_EQ(engine->CommitRaw(), "社qufuwu");
  EXPECT_FALSE(engine->State().composing());
}

TEST(PinyinEngineTest, CommitRawGivesTheLettersWithoutSpaces) {
  auto engine = OpenDeployed();
  ASSERT_NE(engine, nullptr);
  Type(*engine, "shequ");
  EXPECT_EQ(engine->CommitRaw(), "shequ");
  EXPECT_FALSE(engine->State().composing());
}

TEST(PinyinEngineTest, TwoEnginesShareTheRuntime) {
  auto a = OpenDeployed();
  auto b = OpenDeployed();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Type(*a, "ni");
  EXPECT_FALSE(b->State().composing()) << "sessions must be independent";
  a.reset();
  Type(*b, "hao");
  EXPECT_TRUE(b->State().composing());
}

TEST(PinyinEngineTest, MissingDeployedDirIsAnErrorNotACrash) {
  auto engine = PinyinEngine::Open("/nonexistent/community-kiosk/rime", kRimeLogDir);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.error().find("not deployed"), std::string::npos) << engine.error();
}

TEST(PinyinEngineTest, EmptyDeployedDirIsAnError) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ck_rime_empty_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "build");
  auto engine = PinyinEngine::Open(dir, kRimeLogDir);
  EXPECT_FALSE(engine.ok());
  std::filesystem::remove_all(dir);
  // A good engine still opens afterwards.
  EXPECT_NE(OpenDeployed(), nullptr);
}

TEST(PinyinEngineTest, BrokenSchemaIsAnErrorNotASilentKeyboard) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("ck_rime_broken_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(CK_RIME_DEPLOYED_DIR, dir, std::filesystem::copy_options::recursive);
  std::ofstream(dir / "build" / "pinyin_simp.schema.yaml", std::ios::trunc) << "schema: [unclosed\n";
  auto engine = PinyinEngine::Open(dir, kRimeLogDir);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.error().find("no candidates"), std::string::npos) << engine.error();
  std::filesystem::remove_all(dir);
}

TEST(PinyinEngineTest, RefusesASecondDirectoryWhileOneIsInUse) {
  auto held = OpenDeployed();
  ASSERT_NE(held, nullptr);
  // A copy of the deployed data elsewhere: valid on its own, but rime is process-global.
  const std::filesystem::path copy =
      std::filesystem::temp_directory_path() / ("ck_rime_copy_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(copy);
  std::filesystem::copy(CK_RIME_DEPLOYED_DIR, copy, std::filesystem::copy_options::recursive);
  auto other = PinyinEngine::Open(copy, kRimeLogDir);
  EXPECT_FALSE(other.ok());
  held.reset();
  // With nobody using the first directory, switching is allowed.
  auto switched = PinyinEngine::Open(copy, kRimeLogDir);
  ASSERT_TRUE(switched.ok()) << switched.error();
  EXPECT_FALSE(Type(*switched.value(), "shequ").candidates.empty());
  switched.value().reset();
  std::filesystem::remove_all(copy);
}

TEST(PinyinEngineTest, DefaultDirIsTheBuildTreeWhenBuilt) {
  EXPECT_EQ(std::filesystem::weakly_canonical(DefaultRimeDeployedDir()),
            std::filesystem::weakly_canonical(CK_RIME_DEPLOYED_DIR));
}

}  // namespace
}  // namespace ck::input
