// The template renderer: a Mustache context that knows the console's words ({{t.key}}) and takes partials
// only from the embedded templates (never from a view model, so no value can become markup), with Esc as
// the one escaper.
#include "sync/hub/console/template_render.h"

#include <deque>
#include <map>
#include <memory>
#include <stdexcept>

#include "sync/hub/console/console_templates.h"
#include "sync/hub/console/html.h"

namespace ck::hub::console {

namespace mustache = kainjow::mustache;

namespace {

const EmbeddedTemplate* Find(std::string_view name) {
  for (const EmbeddedTemplate& t : kConsoleTemplates)
    if (t.name == name) return &t;
  return nullptr;
}

// Partials as Mustache data (a string is parsed as a template when included), made once.
const std::map<std::string, View, std::less<>>& Partials() {
  static const auto partials = [] {
    std::map<std::string, View, std::less<>> m;
    for (const EmbeddedTemplate& t : kConsoleTemplates) m.emplace(std::string(t.name), View(std::string(t.text)));
    return m;
  }();
  return partials;
}

class TemplateContext final : public mustache::basic_context<std::string> {
 public:
  TemplateContext(const View* root, Lang lang, std::string_view content, const View* every_value,
                  const std::vector<std::string>* trusted)
      : inner_(root), lang_(lang), content_(content), every_value_(every_value), trusted_(trusted) {}

  void push(const View* data) override { inner_.push(data); }
  void pop() override { inner_.pop(); }

  const View* get(const std::string& name) const override {
    if (every_value_) {
      for (const std::string& t : *trusted_)
        if (t == name) return &empty_;
      return every_value_;
    }
    if (name.size() > 2 && name.compare(0, 2, "t.") == 0) {
      words_.emplace_back(Tr(lang_, std::string_view(name).substr(2)));
      return &words_.back();
    }
    return inner_.get(name);
  }

  const View* get_partial(const std::string& name) const override {
    std::string_view wanted = name == "content" ? content_ : std::string_view(name);
    auto it = Partials().find(wanted);
    if (it == Partials().end()) throw std::runtime_error("console template: no partial " + name);
    return &it->second;
  }

 private:
  mustache::context<std::string> inner_;
  Lang lang_;
  std::string_view content_;
  const View* every_value_;
  const std::vector<std::string>* trusted_;
  const View empty_{std::string()};
  mutable std::deque<View> words_;  // stable addresses for the words looked up during one render
};

// Parsed templates, one set per thread (a kainjow template is not safe to render from two threads).
using ParsedCache = std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>>;
ParsedCache& Cache() {
  thread_local ParsedCache cache;
  return cache;
}

mustache::mustache& Parsed(std::string_view name) {
  ParsedCache& cache = Cache();
  auto it = cache.find(name);
  if (it != cache.end()) return *it->second;
  const EmbeddedTemplate* t = Find(name);
  if (!t) throw std::runtime_error("console template: no template " + std::string(name));
  auto parsed = std::make_unique<mustache::mustache>(std::string(t->text));
  if (!parsed->is_valid())
    throw std::runtime_error("console template " + std::string(name) + ": " + parsed->error_message());
  parsed->set_custom_escape([](const std::string& s) { return Esc(s); });
  return *cache.emplace(std::string(name), std::move(parsed)).first->second;
}

std::string Render(std::string_view name, const View& view, Lang lang, std::string_view content,
                   const View* every_value, const std::vector<std::string>* trusted) {
  mustache::mustache& tmpl = Parsed(name);
  TemplateContext ctx(&view, lang, content, every_value, trusted);
  std::string out = tmpl.render(ctx);
  if (!tmpl.is_valid()) {
    std::string error = tmpl.error_message();
    Cache().erase(Cache().find(name));  // kainjow keeps a render error on the template: parse afresh next time
    throw std::runtime_error("console template " + std::string(name) + ": " + error);
  }
  return out;
}

}  // namespace

View ViewList() {
  return View(View::type::list);
}

View Num(std::int64_t n) {
  return View(std::to_string(n));
}

std::string RenderTemplate(std::string_view name, const View& view, Lang lang, std::string_view content) {
  return Render(name, view, lang, content, nullptr, nullptr);
}

std::string RenderWithEveryValue(std::string_view name, std::string_view value, std::string_view content,
                                 const std::vector<std::string>& trusted) {
  View every{std::string(value)};
  View root;
  return Render(name, root, Lang::Zh, content, &every, &trusted);
}

bool HasTemplate(std::string_view name) {
  return Find(name) != nullptr;
}

std::vector<std::string_view> TemplateNames() {
  std::vector<std::string_view> names;
  for (const EmbeddedTemplate& t : kConsoleTemplates) names.push_back(t.name);
  return names;
}

std::string_view TemplateText(std::string_view name) {
  const EmbeddedTemplate* t = Find(name);
  return t ? t->text : std::string_view();
}

}  // namespace ck::hub::console
