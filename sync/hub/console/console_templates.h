// The console's page templates, compiled into the hub from sync/hub/console/templates/*.mustache by
// embed_templates.cmake (so a hub binary serves its pages with no files to install). Rendered only through
// template_render.h.
#pragma once

#include <span>
#include <string_view>

namespace ck::hub::console {

struct EmbeddedTemplate {
  std::string_view name;  // the file's stem: templates/notices.mustache → "notices"
  std::string_view text;
};

// Sorted by name.
extern const std::span<const EmbeddedTemplate> kConsoleTemplates;

}  // namespace ck::hub::console
