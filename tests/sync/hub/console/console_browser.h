// A browser in miniature for the console's HTTP tests: keeps cookies, follows no redirect, and reads the
// CSRF field of the last page it got, so a test posts forms the way a clerk's browser does.
#pragma once

#include <httplib.h>

#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "sync/hub/console/html.h"

namespace ck::hub::testing {

class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Get(path.c_str(), Headers());
    Absorb(r);
    return r;
  }
  httplib::Result Post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields,
                       bool with_csrf = true) {
    if (with_csrf) fields.emplace_back("csrf", csrf_);
    std::string body;
    for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + console::UrlEncode(k) + "=" + console::UrlEncode(v);
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Post(path.c_str(), Headers(), body, "application/x-www-form-urlencoded");
    Absorb(r);
    return r;
  }
  // As the console's own forms send it (multipart/form-data, see server_limits.h).
  httplib::Result PostMultipart(const std::string& path,
                                std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf", csrf_);
    httplib::MultipartFormDataItems items;
    for (auto& [k, v] : fields) items.push_back({k, v, "", ""});
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Post(path.c_str(), Headers(), items);
    Absorb(r);
    return r;
  }
  bool SignIn(const std::string& name, const std::string& password) {
    Get("/console/signin");
    auto r = Post("/console/signin", {{"name", name}, {"password", password}});
    return r && r->status == 303 && cookies_.count("ck_session");
  }
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string real_ip_;  // set: sent as X-Real-IP, as the front (nginx on loopback) does

 private:
  httplib::Headers Headers() {
    std::string c;
    for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    httplib::Headers h;
    if (!c.empty()) h.emplace("Cookie", c);
    if (!real_ip_.empty()) h.emplace("X-Real-IP", real_ip_);
    return h;
  }
  void Absorb(const httplib::Result& r) {
    if (!r) return;
    auto [b, e] = r->headers.equal_range("Set-Cookie");
    for (auto it = b; it != e; ++it) {
      std::string v = it->second;
      std::string pair = v.substr(0, v.find(';'));
      std::string name = pair.substr(0, pair.find('=')), value = pair.substr(pair.find('=') + 1);
      if (v.find("Max-Age=0") != std::string::npos)
        cookies_.erase(name);
      else
        cookies_[name] = value;
    }
    std::smatch m;
    static const std::regex kCsrf(R"re(name="csrf" value="([^"]+)")re");
    if (std::regex_search(r->body, m, kCsrf)) csrf_ = m[1];
  }
  int port_;
};

}  // namespace ck::hub::testing
