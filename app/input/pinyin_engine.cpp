// PinyinEngine: Chinese pinyin input through librime's C API, schema pinyin_simp, deployed ahead of time.
#include "app/input/pinyin_engine.h"

#include <rime_api.h>

#include <cstring>
#include <system_error>
#include <utility>

#include "app/input/rime_runtime.h"

namespace ck::input {
namespace {

// rime speaks X11 keysyms; these are the few we send.
constexpr int kKeyBackspace = 0xff08;
constexpr int kKeyPageUp = 0xff55;
constexpr int kKeyPageDown = 0xff56;

RimeApi* Api() {
  return rime_get_api();
}

}  // namespace

std::filesystem::path DefaultRimeDeployedDir() {
#ifdef CK_RIME_BUILD_TREE_DIR
  std::error_code ec;
  const std::filesystem::path build_tree = CK_RIME_BUILD_TREE_DIR;
  if (std::filesystem::is_directory(build_tree / "build", ec)) return build_tree;
#endif
  return kInstalledRimeDir;
}

Result<std::unique_ptr<PinyinEngine>> PinyinEngine::Open(const std::filesystem::path& deployed_dir,
                                                         const std::filesystem::path& log_dir) {
  using R = Result<std::unique_ptr<PinyinEngine>>;
  if (Status acquired = rime_runtime::Acquire(deployed_dir, log_dir); !acquired.ok()) {
    return R::Fail(acquired.error());
  }

  RimeApi* api = Api();
  RimeSessionId session = api->create_session();
  if (session == 0) {
    rime_runtime::Release();
    return R::Fail("rime could not create a session for " + deployed_dir.string());
  }
  char schema[64] = {};
  if (!api->select_schema(session, kPinyinSchema) ||
      !api->get_current_schema(session, schema, sizeof schema) || std::strcmp(schema, kPinyinSchema) != 0) {
    api->destroy_session(session);
    rime_runtime::Release();
    return R::Fail(std::string("rime could not load schema ") + kPinyinSchema + " from " +
                   deployed_dir.string());
  }
  // Chinese from the first tap whatever a previous session left behind.
  api->set_option(session, "ascii_mode", False);
  auto engine = std::unique_ptr<PinyinEngine>(new PinyinEngine(session));
  // rime loads a broken schema without complaint and then ignores every key; find out now, so the
  // keyboard falls back to English instead of swallowing a resident's letters.
  const bool works = !engine->PressLetter('n').candidates.empty();
  engine->Clear();
  if (!works) {
    return R::Fail(std::string("rime schema ") + kPinyinSchema + " in " + deployed_dir.string() +
                   " gives no candidates (deployed data broken?)");
  }
  return R::Ok(std::move(engine));
}

PinyinEngine::~PinyinEngine() {
  // After the exit hook has finalised rime, its sessions are already gone.
  if (rime_runtime::IsLive()) Api()->destroy_session(session_);
  rime_runtime::Release();
}

PinyinState PinyinEngine::PressLetter(char letter) {
  if (letter < 'a' || letter > 'z') return State();
  return SendKey(letter);
}

PinyinState PinyinEngine::Backspace() {
  return SendKey(kKeyBackspace);
}

PinyinState PinyinEngine::NextPage() {
  return SendKey(kKeyPageDown);
}

PinyinState PinyinEngine::PrevPage() {
  return SendKey(kKeyPageUp);
}

std::string PinyinEngine::SelectCandidate(int index_on_page) {
  if (index_on_page < 0) return {};
  Api()->select_candidate_on_current_page(session_, static_cast<size_t>(index_on_page));
  return TakeCommit();
}

std::string PinyinEngine::CommitRaw() {
  PinyinState state = State();
  std::string text;
  // The preedit shows chosen Hanzi plus the letters still open, with syllable spaces rime inserts for
  // reading; the resident typed no spaces, so none are committed.
  for (char c : state.preedit) {
    if (c != ' ') text += c;
  }
  Api()->clear_composition(session_);
  TakeCommit();  // drop anything the clear may have queued
  return text;
}

void PinyinEngine::Clear() {
  Api()->clear_composition(session_);
  TakeCommit();
}

PinyinState PinyinEngine::State() {
  PinyinState state;
  RIME_STRUCT(RimeContext, context);
  if (!Api()->get_context(session_, &context)) return state;
  if (context.composition.preedit != nullptr) state.preedit = context.composition.preedit;
  const RimeMenu& menu = context.menu;
  state.candidates.reserve(static_cast<size_t>(menu.num_candidates));
  for (int i = 0; i < menu.num_candidates; ++i) {
    const char* text = menu.candidates[i].text;
    state.candidates.emplace_back(text != nullptr ? text : "");
  }
  state.page = menu.page_no;
  state.is_last_page = menu.is_last_page != False;
  state.highlighted = menu.highlighted_candidate_index;
  Api()->free_context(&context);
  return state;
}

PinyinState PinyinEngine::SendKey(int keycode) {
  Api()->process_key(session_, keycode, 0);
  // A key can commit on its own (rime does when a composition cannot grow); pass it on, never drop it.
  std::string committed = TakeCommit();
  PinyinState state = State();
  state.committed = std::move(committed);
  return state;
}

std::string PinyinEngine::TakeCommit() {
  std::string text;
  RIME_STRUCT(RimeCommit, commit);
  if (Api()->get_commit(session_, &commit)) {
    if (commit.text != nullptr) text = commit.text;
    Api()->free_commit(&commit);
  }
  return text;
}

}  // namespace ck::input
