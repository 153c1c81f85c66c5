// Driving the controller through each screen and reading the framebuffer back into PNG files.
#include "app/platform/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>  // implementation in libstb (linked through the imgui pkg-config module)

#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "app/platform/test_hook.h"
#include "app/ui/shell/drawn_text.h"
#include "sync/protocol/journal_log.h"

namespace ck::platform {
namespace {

// File name → the text sizes of its last frame, written out as text_sizes.json.
nlohmann::json& CapturedTextSizes() {
  static nlohmann::json sizes = nlohmann::json::object();
  return sizes;
}

bool SavePng(GLFWwindow* window, const std::filesystem::path& file) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // GL's origin is bottom-left
  return stbi_write_png(file.c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}

}  // namespace

bool CaptureScreen(GLFWwindow* window, RenderSession& session, ui::KioskController& controller,
                   protocol::UnixSeconds now, const std::filesystem::path& file) {
  controller.RefreshIfStale(now);  // e.g. the outbox count after a submission
  controller.Tick(now, ImGui::GetTime());
  if (!session.EnsureFonts()) return false;
  // A few frames: ImGui settles layout (child windows, clipper measurements) over the first two.
  for (int i = 0; i < 3; ++i) {
    session.RenderFrame(now);
    if (i < 2) glfwSwapBuffers(window);
  }
  ui::DrawnText text = ui::MeasureDrawnText(ImGui::GetDrawData(), session.fonts());
  nlohmann::json entry = DrawnTextJson(text);
  entry["large_text"] = controller.state().large_text;
  CapturedTextSizes()[file.filename().string()] = std::move(entry);
  const bool ok = SavePng(window, file);
  if (ok)
    std::printf("%s\n", file.c_str());
  else
    log::Error("community-kiosk: could not write %s", file.c_str());
  glfwSwapBuffers(window);
  return ok;
}

bool TypePinyin(ui::KioskController& controller, const std::string& letters, const std::string& wanted,
                protocol::UnixSeconds now) {
  auto key = [&](input::KeyAction k) {
    ui::UiAction a{ui::ActionKind::KeyboardKey, {}};
    a.key = k;
    controller.Handle({a}, now, ImGui::GetTime());
  };
  for (char c : letters) key(input::KeyAction::Char(c));
  if (wanted.empty()) return true;
  const auto& candidates = controller.keyboard().state().pinyin.candidates;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] == wanted) {
      key(input::KeyAction::Candidate(static_cast<int>(i)));
      return true;
    }
  }
  return false;
}

int WriteScreenshots(GLFWwindow* window, RenderSession& session, ui::KioskController& controller,
                     const std::filesystem::path& out_dir, const ScreenshotInputs& inputs) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    log::Error("community-kiosk: cannot create %s: %s", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  const auto now = protocol::NowUtc();
  // The first urgent notice in board order (pinned first): usually the longest and most telling one.
  std::string detail_id;
  for (const ui::NoticeRowView& n : controller.view_model().notices) {
    if (n.priority == protocol::Priority::Urgent) {
      detail_id = n.id;
      break;
    }
  }
  if (detail_id.empty() && !controller.view_model().notices.empty())
    detail_id = controller.view_model().notices.front().id;

  using ui::ActionKind;
  struct Shot {
    const char* file;
    ui::Language language;
    bool large;
    std::vector<ui::UiAction> path;  // from home
  };
  const std::vector<ui::UiAction> board = {{ActionKind::OpenBoard, {}}};
  const std::vector<ui::UiAction> detail = {{ActionKind::OpenBoard, {}}, {ActionKind::OpenNotice, detail_id}};
  const std::vector<ui::UiAction> soon = {{ActionKind::OpenComingSoon, {}, ui::Feature::Activities}};
  const Shot shots[] = {
      {"home.png", ui::Language::Chinese, false, {}},
      {"notice_board.png", ui::Language::Chinese, false, board},
      {"notice_detail.png", ui::Language::Chinese, false, detail},
      {"coming_soon.png", ui::Language::Chinese, false, soon},
      {"coming_soon_large.png", ui::Language::Chinese, true, soon},
      {"notice_board_en_large.png", ui::Language::English, true, board},
      {"home_en.png", ui::Language::English, false, {}},
      {"notice_board_en.png", ui::Language::English, false, board},
      {"home_large.png", ui::Language::Chinese, true, {}},
      {"notice_board_large.png", ui::Language::Chinese, true, board},
      {"notice_detail_large.png", ui::Language::Chinese, true, detail},
      {"notice_detail_en_large.png", ui::Language::English, true, detail},
  };
  int failures = 0;
  auto start = [&](ui::Language language, bool large, const std::vector<ui::UiAction>& path) {
    controller.Handle({{ActionKind::GoHome, {}}}, now, ImGui::GetTime());
    controller.state().language = language;
    controller.state().large_text = large;
    controller.Handle(path, now, ImGui::GetTime());
  };
  for (const Shot& shot : shots) {
    if (shot.path.size() == 2 && detail_id.empty()) continue;  // an empty database has no detail to show
    start(shot.language, shot.large, shot.path);
    if (!CaptureScreen(window, session, controller, now, out_dir / shot.file)) ++failures;
  }

  // Search: "停水" typed in pinyin, results after the debounce.
  for (const bool large : {false, true}) {
    start(ui::Language::Chinese, large, {{ActionKind::OpenBoard, {}}, {ActionKind::OpenSearch, {}}});
    if (inputs.pinyin != nullptr) {
      TypePinyin(controller, "tingshui", "停水", now);
      controller.Tick(now, ImGui::GetTime() + 10.0);
    }
    if (!CaptureScreen(window, session, controller, now,
                       out_dir / (large ? "notice_search_large.png" : "notice_search.png")))
      ++failures;
  }

  // The idle countdown over the board, as it first appears.
  for (const auto& [language, large] : {std::pair{ui::Language::Chinese, false},
                                        std::pair{ui::Language::English, false},
                                        std::pair{ui::Language::Chinese, true}}) {
    start(language, large, board);
    controller.state().idle_since = ImGui::GetTime();
    std::string file = "idle_countdown";
    if (language == ui::Language::English) file += "_en";
    if (large) file += "_large";
    if (!CaptureScreen(window, session, controller, now, out_dir / (file + ".png"))) ++failures;
    controller.Handle({{ActionKind::IdleContinue, {}}}, now, ImGui::GetTime());
  }
  start(ui::Language::Chinese, false, {});

  // The maintenance panel: the hold prompt, the PIN pad half-typed, after a wrong PIN and locked, the
  // panel, the screen test. Driven on the model directly (no PIN check, nothing audited).
  for (const auto& [language, large] : {std::pair{ui::Language::Chinese, false},
                                        std::pair{ui::Language::English, false},
                                        std::pair{ui::Language::Chinese, true},
                                        std::pair{ui::Language::English, true}}) {
    std::string suffix = language == ui::Language::English ? "_en" : "";
    if (large) suffix += "_large";
    start(language, large, {});
    ui::maintenance::MaintenancePanel& panel = controller.panel_for_screenshots();
    auto shot = [&](const std::string& name) {
      (void)panel.TakeAudit();  // a screenshot is no use of the panel: nothing reaches the audit table
      if (!CaptureScreen(window, session, controller, now, out_dir / ("maintenance_" + name + suffix + ".png")))
        ++failures;
    };
    panel.PressBegan(ImGui::GetTime() - 2.5);
    shot("hold");
    panel.PressBegan(ImGui::GetTime() - ui::maintenance::kHoldSeconds);
    controller.Tick(now, ImGui::GetTime());
    for (char c : std::string("135")) panel.PadKey(input::NumberPadAction::Symbol(c), ImGui::GetTime(), now);
    shot("pin");
    panel.PadKey(input::NumberPadAction::Symbol('7'), ImGui::GetTime(), now);
    panel.PinCheckStarted();
    shot("pin_checking");
    panel.ApplyPinCheck({store::PinOutcome::Wrong, 0, 1}, ImGui::GetTime(), now);
    shot("pin_wrong");
    panel.ApplyPinCheck({store::PinOutcome::Wrong, now + 240, 5}, ImGui::GetTime(), now);
    shot("pin_locked");
    ui::maintenance::PanelFacts facts;
    facts.hub_url = "https://hub.example.org";
    facts.device_id = "0f8e6a52-7d7c-4a8e-9d55-0c1d2e3f4a5b";
    facts.version = "0.1.0";
    facts.last_success_at = now - 25 * 60;
    facts.outbox_pending = 2;
    facts.outbox_refused = 1;
    facts.last_error = "could not connect to hub.example.org:443: Connection timed out";
    facts.free_disk_bytes = 3ull * 1024 * 1024 * 1024;
    controller.SetPanelFactsForScreenshots(facts);
    panel.ApplyPinCheck({store::PinOutcome::Accepted, 0, 0}, ImGui::GetTime(), now);
    shot("panel");
    panel.OpenScreenTest(ImGui::GetTime(), now);
    panel.TapCorner(0, ImGui::GetTime());
    panel.TapCorner(3, ImGui::GetTime());
    shot("screen_test");
    panel.Close(now);
    (void)panel.TakeAudit();
  }
  start(ui::Language::Chinese, false, {});

  failures += WriteFeedbackScreenshots(window, session, out_dir, inputs);
  if (!inputs.demo_file.empty()) failures += WriteActivityScreenshots(window, session, out_dir, inputs, inputs.demo_file);
  session.UseController(controller);
  {
    std::ofstream sizes(out_dir / "text_sizes.json", std::ios::trunc);
    sizes << CapturedTextSizes().dump(1) << "\n";
    if (!sizes) ++failures;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace ck::platform
