// Renders the console's Mustache templates (templates/*.mustache, compiled in; kainjow's header-only
// Mustache from Debian). A page is a view-model function that fills a View, plus a template:
//   {{name}}       the value, escaped by Esc (html.h): the default, always right for text and attributes
//   {{t.key}}      the word `key` from assets/strings.json in the page's language, escaped
//   {{#x}}…{{/x}}  a section: once for a true/string/object, per item for a list; {{^x}} when false/absent
//   {{>name}}      another template (a partial: csrf, flash, pager, option, form_error, …); {{>content}}
//                  inside the frame is the page's own template
//   {{{x}}} {{&x}} unescaped: only for HTML the C++ side built itself from escaped parts; every such place
//                  is listed in console/README.md and in the escaping test's allow-list
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "sync/hub/console/text.h"

namespace ck::hub::console {

// A view model: an object (string, bool, list or object values). Build it with rvalues:
//   View v; v["title"] = n.title; v["pinned"] = true; View rows = ViewList(); rows << row;
// Numbers are not a type of their own: pass Num(n) (an int would silently become a bool).
using View = kainjow::mustache::data;

View ViewList();
View Num(std::int64_t n);

// The embedded template `name` rendered with `view` in `lang`. `content` names the template {{>content}}
// stands for (the frame's page). Throws std::runtime_error for an unknown template or a Mustache error.
std::string RenderTemplate(std::string_view name, const View& view, Lang lang, std::string_view content = {});

// For tests: renders `name` as if every value, word and section were `value` (each section runs once, each
// inverted section is skipped), to show that a value in any field comes out escaped. The names in
// `trusted` (the allowed unescaped places, whose HTML the C++ side builds) render as "".
std::string RenderWithEveryValue(std::string_view name, std::string_view value, std::string_view content,
                                 const std::vector<std::string>& trusted);

bool HasTemplate(std::string_view name);
std::vector<std::string_view> TemplateNames();
std::string_view TemplateText(std::string_view name);  // "" when unknown

}  // namespace ck::hub::console
