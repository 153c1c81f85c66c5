// HeadlessKiosk: the kiosk UI driven without a window — an ImGui context, the real font atlas (built on the
// CPU), and a finger that taps named targets by their position on screen.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/input/pinyin_engine.h"
#include "app/store/kiosk_database.h"
#include "app/store/notice_repository.h"
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/controller/notice_source.h"
#include "app/ui/shell/font_atlas.h"

namespace ck::ui::testing {

// A fresh kiosk database in a temporary directory, removed afterwards.
class TempKioskDb {
 public:
  TempKioskDb();
  ~TempKioskDb();
  store::KioskDatabase& db() { return *db_; }
  store::NoticeRepository& notices() { return *repo_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::KioskDatabase> db_;
  std::unique_ptr<store::NoticeRepository> repo_;
};

protocol::Notice MakeNotice(std::string title, protocol::UnixSeconds published_at,
                            protocol::Priority priority = protocol::Priority::Normal,
                            std::string category = "community", std::string body = "正文。");

// What a test may add to the kiosk: the real pinyin engine, a stand-in sync engine.
struct HeadlessExtras {
  bool pinyin = false;
  SyncControl* sync = nullptr;
  maintenance::MaintenanceBackend* maintenance = nullptr;
  bool activities = false;  // the store's activities and sign-ups (else the tile says "coming soon")
};

class HeadlessKiosk {
 public:
  HeadlessKiosk(store::KioskDatabase& db, KioskControllerOptions options = {}, HeadlessExtras extras = {});
  ~HeadlessKiosk();

  // One frame at `now`: fonts brought up to date first (as the platform does), actions handled after.
  FrameOutput Frame();
  // Press over the named target, release, and a frame to show the result. False if no such target.
  bool Tap(const std::string& target);
  // A finger drag from (x, y0) to (x, y1) over `steps` frames, then release.
  void Drag(float x, float y0, float y1, int steps);
  // Lets `seconds` pass without a touch (the idle timer, the search debounce), then one frame.
  void Wait(double seconds);
  // The value a form field showed in the last frame ("review.contact"), or "" when not shown.
  std::string Shown(std::string_view name) const;

  KioskController& controller() { return *controller_; }
  UiState& state() { return controller_->state(); }
  const KioskViewModel& vm() const { return controller_->view_model(); }
  const KioskFonts& fonts() const { return fonts_; }
  const KioskFontAtlas& atlas() const { return atlas_; }
  const TranslationSet& translations() const { return translations_; }

  protocol::UnixSeconds now = 0;

 private:
  void EnsureFonts();

  TranslationSet translations_;
  std::unique_ptr<StoreNoticeSource> source_;
  std::unique_ptr<StoreFeedbackSource> feedback_;
  std::unique_ptr<StoreActivitySource> activities_;
  std::unique_ptr<input::PinyinEngine> pinyin_;
  std::unique_ptr<KioskController> controller_;
  ImGuiContext* context_ = nullptr;
  KioskFontAtlas atlas_;
  KioskFonts fonts_;
  Theme theme_;
  FontFace face_;
  bool built_ = false;
  bool built_large_ = false;
  double time_ = 0.0;
};

}  // namespace ck::ui::testing
