// The headless harness: ImGui frames with synthetic touches, fonts built exactly as the kiosk builds them.
#include "headless_kiosk.h"

#include <gtest/gtest.h>

#include <random>

#include "app/ui/text/local_time.h"
#include "sync/protocol/ids.h"

namespace ck::ui::testing {

TempKioskDb::TempKioskDb() {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("ck-ui-test-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  auto db = store::KioskDatabase::Open(dir_ / "kiosk.db");
  if (!db) ADD_FAILURE() << db.error();
  db_ = std::move(db).value();
  repo_ = std::make_unique<store::NoticeRepository>(*db_);
}

TempKioskDb::~TempKioskDb() {
  repo_.reset();
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

protocol::Notice MakeNotice(std::string title, protocol::UnixSeconds published_at,
                            protocol::Priority priority, std::string category, std::string body) {
  protocol::Notice n;
  n.id = protocol::NewUuid();
  n.publisher = protocol::Publisher::PropertyCompany;
  n.category = std::move(category);
  n.priority = priority;
  n.title = std::move(title);
  n.body = std::move(body);
  n.published_at = published_at;
  return n;
}

HeadlessKiosk::HeadlessKiosk(store::KioskDatabase& db, KioskControllerOptions options,
                             HeadlessExtras extras) {
  SetProcessTimeZone("Asia/Shanghai");
  auto set = LoadTranslationSet(std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "i18n");
  if (!set) ADD_FAILURE() << set.error();
  translations_ = std::move(set).value();
  auto face = FindCjkFont();
  if (!face) ADD_FAILURE() << face.error();
  face_ = face.value();
  now = protocol::NowUtc();
  source_ = std::make_unique<StoreNoticeSource>(db);
  feedback_ = std::make_unique<StoreFeedbackSource>(db);
  if (extras.activities) activities_ = std::make_unique<StoreActivitySource>(db);
  if (extras.pinyin) {
    auto engine = input::PinyinEngine::Open(input::DefaultRimeDeployedDir());
    if (!engine)
      ADD_FAILURE() << engine.error();
    else
      pinyin_ = std::move(engine).value();
  }
  controller_ = std::make_unique<KioskController>(*source_, translations_, options,
                                                  KioskServices{feedback_.get(), extras.sync, pinyin_.get(), extras.maintenance,
                                                                activities_.get()});
  controller_->Reload(now);
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  io.MousePos = ImVec2(-1, -1);
}

HeadlessKiosk::~HeadlessKiosk() {
  ImGui::DestroyContext(context_);
  controller_.reset();  // its keyboard holds the pinyin session
}

void HeadlessKiosk::EnsureFonts() {
  const GlyphNeeds needs = controller_->NeededGlyphs();
  const bool large = state().large_text;
  if (built_ && built_large_ == large && atlas_.Holds(needs)) return;
  theme_ = MakeTheme(large, 1080);
  auto fonts = atlas_.Build(*ImGui::GetIO().Fonts, face_, theme_.fonts, needs, false);
  if (!fonts) ADD_FAILURE() << fonts.error();
  fonts_ = fonts.value();
  ApplyTheme(theme_, ImGui::GetStyle());
  built_ = true;
  built_large_ = large;
}

FrameOutput HeadlessKiosk::Frame() {
  controller_->RefreshIfStale(now);
  controller_->Tick(now, time_);
  EnsureFonts();
  ImGui::NewFrame();
  FrameOutput out = controller_->DrawFrame(theme_, fonts_, now, time_);
  ImGui::Render();
  time_ += 1.0 / 60.0;
  controller_->Handle(out.actions, now, time_);
  return out;
}

bool HeadlessKiosk::Tap(const std::string& target) {
  Frame();  // targets are recorded by the frame that draws them
  const TapTarget* t = state().FindTarget(target);
  if (t == nullptr) return false;
  const ImVec2 at = t->Center();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  io.MouseDown[0] = true;
  Frame();
  io.MouseDown[0] = false;
  Frame();
  Frame();  // the screen the tap led to
  return true;
}

void HeadlessKiosk::Wait(double seconds) {
  time_ += seconds;
  Frame();
}

std::string HeadlessKiosk::Shown(std::string_view name) const {
  const std::string* v = controller_->state().FindShown(name);
  return v != nullptr ? *v : std::string();
}

void HeadlessKiosk::Drag(float x, float y0, float y1, int steps) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y0);
  io.MouseDown[0] = true;
  Frame();
  for (int i = 1; i <= steps; ++i) {
    io.MousePos = ImVec2(x, y0 + (y1 - y0) * static_cast<float>(i) / static_cast<float>(steps));
    Frame();
  }
  io.MouseDown[0] = false;
  Frame();
}

}  // namespace ck::ui::testing
