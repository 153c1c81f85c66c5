// HubHttp: libcurl requests to the hub with timeouts, a size cap, TLS verification and cancellation.
#include "sync/client/hub_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>

namespace ck::sync {

namespace {

// State of one transfer, shared with libcurl's callbacks.
struct Transfer {
  std::string body;
  std::string etag;
  std::size_t max_bytes = 0;
  bool too_large = false;
  const std::atomic<bool>* cancel = nullptr;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  if (t->body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // anything other than n makes libcurl abort with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t n = size * count;
  std::string_view line(data, n);
  // A new status line starts a new response (after a 100 Continue): forget the previous one's headers.
  if (line.starts_with("HTTP/")) t->etag.clear();
  constexpr std::string_view kETag = "etag:";
  if (line.size() > kETag.size() && std::equal(kETag.begin(), kETag.end(), line.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    std::string_view value = line.substr(kETag.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
    if (value.size() <= 256) t->etag = std::string(value);  // a longer one is ignored: we would echo it back
  }
  return n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return t->cancel && t->cancel->load() ? 1 : 0;  // non-zero aborts with CURLE_ABORTED_BY_CALLBACK
}

void GlobalInitOnce() {
  // curl_global_init is not safe to race; every HubHttp goes through here first.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string DescribeHttpError(long status, const std::string& body) {
  // The kiosk did send its token; the hub's generic hint ("send Authorization: Bearer …") misleads here.
  if (status == 401)
    return "HTTP 401: the hub refused this kiosk's token; check device_id and token in the config (from "
           "`community-hub kiosk add`)";
  std::string out = "HTTP " + std::to_string(status);
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* error = nullptr;
  if (j.is_array() && !j.empty() && j[0].is_object()) error = &j[0];
  if (j.is_object()) error = &j;
  if (error) {
    auto d = error->find("description");
    if (d != error->end() && d->is_string()) {
      std::string text = d->get<std::string>();
      if (text.size() > 300) text.resize(300);  // a hostile hub must not flood the log
      out += ": " + text;
    }
  }
  return out;
}

HubHttp::HubHttp(HubHttpOptions options) : options_(std::move(options)), curl_(nullptr) {
  GlobalInitOnce();
  options_.hub_url = TrimSlash(options_.hub_url);
  curl_ = curl_easy_init();
}

HubHttp::~HubHttp() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

std::string HubHttp::Escape(const std::string& text) {
  auto* curl = static_cast<CURL*>(curl_);
  char* escaped = curl ? curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size())) : nullptr;
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

Result<HttpResponse> HubHttp::Perform(const HttpRequest& request) {
  using R = Result<HttpResponse>;
  const std::string url = options_.hub_url + request.path_and_query;
  const std::string& etag = request.if_none_match;
  const std::string* post_body = request.body;
  auto* curl = static_cast<CURL*>(curl_);
  if (!curl) return R::Fail("libcurl could not be initialised");
  last_ = {};
  Transfer t;
  t.max_bytes = options_.max_response_bytes;
  t.cancel = options_.cancel;
  if (t.cancel && t.cancel->load()) return R::Fail("cancelled");
  // A line break in a header value would let a bad config inject headers: refuse rather than send it.
  for (const std::string* value :
       std::initializer_list<const std::string*>{&options_.token, &options_.device_id, &etag}) {
    if (value->find_first_of("\r\n") != std::string::npos)
      return R::Fail("token, device id or ETag has a line break");
  }
  for (const auto& [name, value] : request.headers) {
    if ((name + value + request.content_type).find_first_of("\r\n") != std::string::npos)
      return R::Fail("a request header has a line break");
  }

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers, ("Authorization: Bearer " + options_.token).c_str());
  if (!options_.device_id.empty())
    headers = curl_slist_append(headers, ("X-Device-Id: " + options_.device_id).c_str());
  if (!etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
  if (post_body) headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
  for (const auto& [name, value] : request.headers)
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  // libcurl adds "Expect: 100-continue" to some POSTs; the extra round trip buys nothing here.
  headers = curl_slist_append(headers, "Expect:");

  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::string user_agent = "community-kiosk/" + options_.app_version;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // we run on a worker thread; timeouts must not use signals
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode (gzip, deflate, …)
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  if (post_body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  CURLcode rc = curl_easy_perform(curl);

  // Nothing on the handle may point at this frame's locals once we return.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
  curl_slist_free_all(headers);

  long status = 0, request_size = 0, header_size = 0;
  curl_off_t body_size = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
  curl_easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_size);
  curl_easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_size);
  last_ = {status, request_size, header_size, static_cast<std::int64_t>(body_size)};

  if (rc != CURLE_OK) {
    if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED)
      return R::Fail("hub answer larger than " + std::to_string(options_.max_response_bytes >> 20) + " MB");
    if (rc == CURLE_ABORTED_BY_CALLBACK) return R::Fail("cancelled");
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    // The kiosk refuses a hub it cannot verify; say which setting fixes it, not only what OpenSSL saw.
    if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE) {
      const std::string bundle = options_.ca_file.empty() ? "the system's CA certificates"
                                                          : "ca_file " + options_.ca_file;
      if (rc == CURLE_SSL_CACERT_BADFILE)
        return R::Fail("cannot read the hub's CA certificate (" + detail + "): check ca_file " + options_.ca_file);
      return R::Fail("refusing the hub: its TLS certificate cannot be verified with " + bundle + " (" + detail +
                     "); set ca_file to the CA that signed the hub's certificate");
    }
    return R::Fail("cannot reach hub: " + detail);
  }
  HttpResponse response;
  response.status = status;
  response.body = std::move(t.body);
  response.etag = std::move(t.etag);
  return R::Ok(std::move(response));
}

}  // namespace ck::sync
