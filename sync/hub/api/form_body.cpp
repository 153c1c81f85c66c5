// Form body decoding: percent escapes and '+', strictly, with UTF-8 checked after decoding.
#include "sync/hub/api/form_body.h"

#include <cctype>

#include "sync/protocol/utf8.h"

namespace ck::hub {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return Result<std::string>::Fail("bad % escape");
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return Result<std::string>::Fail("bad % escape");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  return Result<std::string>::Ok(std::move(out));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::multimap<std::string, std::string>> ParseFormBody(std::string_view body) {
  using R = Result<std::multimap<std::string, std::string>>;
  std::multimap<std::string, std::string> form;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t amp = body.find('&', pos);
    std::string_view pair =
        body.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      auto key = Decode(pair.substr(0, eq));
      if (!key) return R::Fail("form: a field name has a " + key.error());
      std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      auto value = Decode(raw_value);
      if (!value) return R::Fail(*key + ": " + value.error());
      if (!protocol::IsValidUtf8(*key)) return R::Fail("form: a field name is not valid UTF-8");
      if (!protocol::IsValidUtf8(*value)) return R::Fail(*key + ": not valid UTF-8");
      if (form.count(*key)) return R::Fail(*key + ": given more than once");
      form.emplace(std::move(key).value(), std::move(value).value());
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return R::Ok(std::move(form));
}

Result<std::multimap<std::string, std::string>> FormFromParts(const httplib::MultipartFormDataMap& parts) {
  using R = Result<std::multimap<std::string, std::string>>;
  std::multimap<std::string, std::string> form;
  for (const auto& [name, part] : parts) {
    if (!part.filename.empty()) continue;
    if (!protocol::IsValidUtf8(name)) return R::Fail("form: a field name is not valid UTF-8");
    if (!protocol::IsValidUtf8(part.content)) return R::Fail(name + ": not valid UTF-8");
    if (form.count(name)) return R::Fail(name + ": given more than once");
    form.emplace(name, part.content);
  }
  return R::Ok(std::move(form));
}

bool IsFormContentType(std::string_view content_type) {
  std::size_t semi = content_type.find(';');
  if (Lower(Trim(content_type.substr(0, semi))) != "application/x-www-form-urlencoded") return false;
  while (semi != std::string_view::npos) {
    std::size_t next = content_type.find(';', semi + 1);
    std::string param = Lower(Trim(content_type.substr(
        semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1)));
    if (param.rfind("charset=", 0) == 0) {
      std::string charset = param.substr(8);
      if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"')
        charset = charset.substr(1, charset.size() - 2);
      if (charset != "utf-8" && charset != "utf8") return false;
    }
    semi = next;
  }
  return true;
}

}  // namespace ck::hub
