// The console's words in Chinese (first) and English, from assets/strings.json compiled into the hub.
#pragma once

#include <string>
#include <string_view>

namespace ck::hub::console {

enum class Lang { Zh, En };
std::string_view LangCode(Lang l);  // "zh" | "en"

// The text for `key`; a missing key shows as the key itself (and the strings test catches it).
const std::string& Tr(Lang lang, std::string_view key);
// True if strings.json has `key` in both languages.
bool HasText(std::string_view key);

}  // namespace ck::hub::console
