// Input benchmarks: keystroke → candidate list (DESIGN.md budget: < 5 ms CPU), engine open, keyboard frame.
// Run: input_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true (medians of 5).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string_view>

#include "app/input/keyboard_model.h"
#include "app/input/on_screen_keyboard.h"
#include "app/input/pinyin_engine.h"
#include "headless_imgui.h"

namespace ck::input {
namespace {

// rime logs errors only; keep them in the build tree, not /tmp.
constexpr const char* kRimeLogDir = CK_BINARY_DIR "/rime-logs";

// A long phrase (社区服务中心): later keys cost more, as rime re-segments the whole composition.
constexpr std::string_view kPhrase = "shequfuwuzhongxin";

std::unique_ptr<PinyinEngine> OpenOrSkip(benchmark::State& state, const std::filesystem::path& dir) {
  auto engine = PinyinEngine::Open(dir, kRimeLogDir);
  if (!engine.ok()) {
    state.SkipWithError(engine.error().c_str());
    return nullptr;
  }
  return std::move(engine).value();
}

// CPU time of the one PressLetter that brings the composition to `range(0)` letters of kPhrase,
// candidate page included (PressLetter returns the refreshed state).
void BM_KeystrokeToCandidates(benchmark::State& state) {
  auto engine = OpenOrSkip(state, CK_RIME_DEPLOYED_DIR);
  if (!engine) return;
  const auto length = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    engine->Clear();
    for (size_t i = 0; i + 1 < length; ++i) engine->PressLetter(kPhrase[i]);
    state.ResumeTiming();
    PinyinState result = engine->PressLetter(kPhrase[length - 1]);
    benchmark::DoNotOptimize(result);
  }
  engine->Clear();
}
// Fixed iterations: each one types up to 16 untimed letters first, which would otherwise dominate the run.
BENCHMARK(BM_KeystrokeToCandidates)
    ->DenseRange(1, static_cast<int>(kPhrase.size()))
    ->Iterations(200)
    ->Unit(benchmark::kMicrosecond);

// The whole phrase typed letter by letter; items/s gives the mean per keystroke.
void BM_TypePhrase(benchmark::State& state) {
  auto engine = OpenOrSkip(state, CK_RIME_DEPLOYED_DIR);
  if (!engine) return;
  for (auto _ : state) {
    for (char c : kPhrase) benchmark::DoNotOptimize(engine->PressLetter(c));
    state.PauseTiming();
    engine->Clear();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kPhrase.size()));
}
BENCHMARK(BM_TypePhrase)->Unit(benchmark::kMicrosecond);

// Kiosk start: rime initialised from the deployed directory plus a session with the schema loaded.
// Alternating between two copies of the deployed data forces a full finalise + initialise each time.
void BM_EngineOpenCold(benchmark::State& state) {
  const std::filesystem::path copy =
      std::filesystem::temp_directory_path() / ("ck_rime_bench_copy_" + std::to_string(::getpid()));
  std::filesystem::remove_all(copy);
  std::filesystem::copy(CK_RIME_DEPLOYED_DIR, copy, std::filesystem::copy_options::recursive);
  bool flip = false;
  for (auto _ : state) {
    flip = !flip;
    auto engine = OpenOrSkip(state, flip ? copy : std::filesystem::path(CK_RIME_DEPLOYED_DIR));
    if (!engine) break;
    benchmark::DoNotOptimize(engine->PressLetter('s'));  // first candidates: the dictionary is really loaded
    state.PauseTiming();
    engine.reset();
    state.ResumeTiming();
  }
  std::filesystem::remove_all(copy);
}
BENCHMARK(BM_EngineOpenCold)->Iterations(20)->Unit(benchmark::kMillisecond)->UseRealTime();

// Another form field opening its keyboard while rime is already up: a new session only.
void BM_EngineOpenWarm(benchmark::State& state) {
  auto keep_alive = OpenOrSkip(state, CK_RIME_DEPLOYED_DIR);
  if (!keep_alive) return;
  for (auto _ : state) {
    auto engine = OpenOrSkip(state, CK_RIME_DEPLOYED_DIR);
    if (!engine) break;
    benchmark::DoNotOptimize(engine->PressLetter('s'));
  }
}
BENCHMARK(BM_EngineOpenWarm)->Unit(benchmark::kMillisecond);

// CPU to build one frame of the keyboard while composing (six candidates, all keys), without a GPU.
void BM_KeyboardFrame(benchmark::State& state) {
  auto engine = OpenOrSkip(state, CK_RIME_DEPLOYED_DIR);
  if (!engine) return;
  KeyboardModel model(engine.get(), 200);
  for (char c : std::string_view("shequ")) model.Apply(KeyAction::Char(c));
  HeadlessImGui ui;
  const KeyboardStyle style;
  KeyRects rects;
  auto translate = [](const char* key) { return key; };
  for (auto _ : state) {
    ui.Frame([&] { benchmark::DoNotOptimize(DrawOnScreenKeyboard(model, style, translate, &rects)); });
  }
}
BENCHMARK(BM_KeyboardFrame)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ck::input

BENCHMARK_MAIN();
