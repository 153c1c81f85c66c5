// FakeOpen311Hub: an in-test Open311 endpoint on 127.0.0.1:0 (cpp-httplib) that files reports once per
// Idempotency-Key, like the real hub, and can answer badly on purpose.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/protocol/activity_signup.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/open311.h"

namespace ck::sync::testing {

class FakeOpen311Hub {
 public:
  // How the next POSTs are answered. The report is filed before a bad answer goes out, as when a hub
  // commits and then dies or garbles its answer: the retry must get the original ack, not a second filing.
  // TooLarge: a front server or platform whose body limit is below what the kiosk can make (413).
  enum class Mode { Good, ServerError, Unauthorized, MalformedAck, TruncatedAck, NoIdAck, Slow, TooLarge };

  struct Received {
    std::string idempotency_key;
    std::string content_type;
    std::string authorization;
    std::multimap<std::string, std::string> form;  // reports
    std::string body;                              // ratings
  };

  FakeOpen311Hub() {
    server_.Post("/requests.json",
                 [this](const httplib::Request& req, httplib::Response& res) { Report(req, res); });
    server_.Post("/api/v1/requests/batch",
                 [this](const httplib::Request& req, httplib::Response& res) { Batch(req, res); });
    server_.Post("/api/v1/ratings",
                 [this](const httplib::Request& req, httplib::Response& res) { Rate(req, res); });
    server_.Get("/services.json", [this](const httplib::Request& req, httplib::Response& res) {
      ++services_requests_;
      if (req.get_header_value("If-None-Match") == "\"s1\"") {
        res.status = 304;
        return;
      }
      protocol::Service s{"lifts", "电梯", "", "设施", "Lifts", "lift", {"电梯停运"}, {"Lift stopped"}};
      res.set_header("ETag", "\"s1\"");
      res.set_content(protocol::ServiceListToJson({s}), "application/json");
    });
    server_.Post("/api/v1/signups",
                 [this](const httplib::Request& req, httplib::Response& res) { SignUp(req, res); });
    server_.Get("/api/v1/signups", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      signup_queries_.push_back(req.get_param_value("codes"));
      std::vector<protocol::SignupStatus> out;
      std::string codes = req.get_param_value("codes");
      for (std::size_t start = 0; start <= codes.size();) {
        std::size_t comma = codes.find(',', start);
        std::string code = codes.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto it = signups_.find(code); it != signups_.end()) out.push_back(it->second);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      res.set_content(protocol::SignupStatusListToJson(out), "application/json");
    });
    server_.Get(R"(/api/v1/signups/([A-Z0-9-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      auto it = signups_.find(req.matches[1]);
      if (it == signups_.end()) {
        res.status = 404;
        res.set_content(protocol::ErrorBodyJson(404, "no such sign-up"), "application/json");
        return;
      }
      res.set_content(nlohmann::json(it->second).dump(), "application/json");
    });
    server_.Post(R"(/api/v1/signups/([A-Z0-9-]+)/cancel)",
                 [this](const httplib::Request& req, httplib::Response& res) { CancelSignup(req, res); });
    server_.Get("/requests.json",
                [this](const httplib::Request& req, httplib::Response& res) { Statuses(req, res); });
    server_.Get("/api/v1/feed", [this](const httplib::Request&, httplib::Response& res) {
      ++feed_requests_;
      protocol::FeedPage page;
      page.next_cursor = "0";
      res.set_content(protocol::FeedPageToJson(page), "application/json");
    });
    server_.Post("/api/v1/heartbeat", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      heartbeats_.push_back(req.body);
      res.set_content(heartbeat_answer_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~FakeOpen311Hub() { Stop(); }
  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void set_mode(Mode m) { mode_ = m; }
  // Off (the default): the batch route answers 404, as an Open311 server or an older hub would.
  void set_batches(bool on) { batches_ = on; }
  int batch_requests() const { return batch_requests_; }
  // Reports with this service code are refused with 400 (an unknown category).
  void set_rejected_service(const std::string& code) {
    std::lock_guard lock(mutex_);
    rejected_service_ = code;
  }
  // The hub says this code is taken and files the report under `replacement`.
  void ReassignCode(const std::string& code, const std::string& replacement) {
    std::lock_guard lock(mutex_);
    reassign_[code] = replacement;
  }
  void SetStatus(const protocol::ServiceRequestStatus& s) {
    std::lock_guard lock(mutex_);
    statuses_[s.service_request_id] = s;
  }

  // Sign-ups: places for each occurrence (people), then the wait-list; a refusal answers 201 "refused".
  void set_signup_capacity(int people) { signup_capacity_ = people; }
  void set_signup_refusal(protocol::SignupRefusal r) { signup_refusal_ = r; }
  // The sign-up route answers 422 (the item refused at the HTTP level, as for a malformed body).
  void set_signup_http_reject(bool on) { signup_http_reject_ = on; }
  // Distinct sign-ups filed (once per key), in filing order.
  std::vector<std::string> filed_signups() {
    std::lock_guard lock(mutex_);
    return signup_order_;
  }
  std::vector<std::string> signup_queries() {
    std::lock_guard lock(mutex_);
    return signup_queries_;
  }
  int signup_posts() const { return signup_posts_; }
  std::optional<protocol::SignupStatus> SignupByCode(const std::string& code) {
    std::lock_guard lock(mutex_);
    auto it = signups_.find(code);
    if (it == signups_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  // Distinct reports filed (once per key), in filing order.
  std::vector<std::string> filed_keys() {
    std::lock_guard lock(mutex_);
    return filed_order_;
  }
  std::vector<std::string> status_queries() {
    std::lock_guard lock(mutex_);
    return status_queries_;
  }
  int services_requests() const { return services_requests_; }
  int feed_requests() const { return feed_requests_; }
  std::vector<std::string> heartbeats() {
    std::lock_guard lock(mutex_);
    return heartbeats_;
  }
  void set_heartbeat_answer(std::string body) {
    std::lock_guard lock(mutex_);
    heartbeat_answer_ = std::move(body);
  }

 private:
  std::vector<std::string> heartbeats_;
  std::string heartbeat_answer_ = R"({"ok":true,"kiosk_number":37})";
  // Answers a POST in the current mode; true when the caller should answer normally.
  bool Misbehave(httplib::Response& res, const std::string& good_body) {
    switch (mode_.load()) {
      case Mode::Good:
        return true;
      case Mode::ServerError:
        res.status = 503;
        res.set_content(R"([{"code":503,"description":"restarting"}])", "application/json");
        return false;
      case Mode::Unauthorized:
        res.status = 401;
        res.set_content(R"([{"code":401,"description":"unknown kiosk token"}])", "application/json");
        return false;
      case Mode::TooLarge:
        res.status = 413;
        res.set_content(R"([{"code":413,"description":"request body too large"}])", "application/json");
        return false;
      case Mode::MalformedAck:
        res.status = 201;
        res.set_content(R"([{"service_request_id":)", "application/json");
        return false;
      case Mode::NoIdAck:
        res.status = 201;
        res.set_content(R"([{"service_notice":""}])", "application/json");
        return false;
      case Mode::TruncatedAck: {
        // Promise the whole answer, send half, drop the connection.
        std::string half = good_body.substr(0, good_body.size() / 2);
        res.status = 201;
        res.set_content_provider(good_body.size(), "application/json",
                                 [half](size_t offset, size_t, httplib::DataSink& sink) {
                                   if (offset == 0) sink.write(half.data(), half.size());
                                   return offset == 0;
                                 });
        return false;
      }
      case Mode::Slow:
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        return true;  // the client has given up by now; what it would have got is filed, though
    }
    return true;
  }

  // Files one report (once per key) and gives the status and body its single POST would answer.
  int File(const Received& r, std::string& body) {
    std::string code, service;
    if (auto it = r.form.find("ticket_code"); it != r.form.end()) code = it->second;
    if (auto it = r.form.find("service_code"); it != r.form.end()) service = it->second;
    std::lock_guard lock(mutex_);
    received_.push_back(r);
    if (service == rejected_service_) {
      body = protocol::ErrorBodyJson(400, "service_code: unknown service " + service);
      return 400;
    }
    auto known = acks_.find(r.idempotency_key);
    if (known == acks_.end()) {
      if (auto re = reassign_.find(code); re != reassign_.end()) code = re->second;
      protocol::SubmissionAck ack{std::to_string(1000 + acks_.size()), "", code};
      known = acks_.emplace(r.idempotency_key, protocol::SubmissionAckToJson(ack)).first;
      filed_order_.push_back(r.idempotency_key);
    }
    body = known->second;
    return 201;
  }

  void Report(const httplib::Request& req, httplib::Response& res) {
    Received r{req.get_header_value("Idempotency-Key"),
               req.get_header_value("Content-Type"),
               req.get_header_value("Authorization"),
               {},
               req.body};
    for (const auto& [k, v] : req.params) r.form.emplace(k, v);
    std::string body;
    if (int status = File(r, body); status != 201) {
      res.status = status;
      res.set_content(body, "application/json");
      return;
    }
    if (!Misbehave(res, body)) return;
    res.status = 201;
    res.set_content(body, "application/json");
  }

  // The batch extension, answered like the real hub: each item filed as its single POST would be. The
  // current mode spoils the whole answer, after filing, as for single POSTs.
  void Batch(const httplib::Request& req, httplib::Response& res) {
    ++batch_requests_;
    if (!batches_) {
      res.status = 404;
      return;
    }
    auto items = protocol::ParseSubmissionBatch(req.body);
    if (!items) {
      res.status = 400;
      res.set_content(protocol::ErrorBodyJson(400, items.error()), "application/json");
      return;
    }
    std::vector<protocol::BatchItemResult> results;
    for (const auto& item : *items) {
      Received r{item.idempotency_key, req.get_header_value("Content-Type"),
                 req.get_header_value("Authorization"), item.form, ""};
      protocol::BatchItemResult out{item.idempotency_key, 0, ""};
      out.status = File(r, out.body);
      results.push_back(std::move(out));
    }
    std::string body = protocol::BatchResultsToJson(results);
    if (!Misbehave(res, body)) return;
    res.status = 200;
    res.set_content(body, "application/json");
  }

  void Rate(const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mutex_);
      received_.push_back({req.get_header_value("Idempotency-Key"),
                           req.get_header_value("Content-Type"),
                           req.get_header_value("Authorization"),
                           {},
                           req.body});
    }
    std::string body = R"({"ok":true})";
    if (!Misbehave(res, body)) return;
    res.status = 201;
    res.set_content(body, "application/json");
  }

  void Statuses(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    std::vector<protocol::ServiceRequestStatus> out;
    if (req.has_param("ticket_code")) {
      status_queries_.push_back("ticket_code=" + req.get_param_value("ticket_code"));
      for (const auto& [id, s] : statuses_)
        if (s.ticket_code == req.get_param_value("ticket_code")) out.push_back(s);
    } else {
      std::string ids = req.get_param_value("service_request_id");
      status_queries_.push_back(ids);
      std::size_t start = 0;
      while (start <= ids.size()) {
        std::size_t comma = ids.find(',', start);
        std::string id = ids.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto it = statuses_.find(id); it != statuses_.end()) out.push_back(it->second);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    res.set_content(protocol::StatusListToJson(out), "application/json");
  }

  // Files a sign-up once per key, in order of arrival: confirmed while places last, else wait-listed.
  void SignUp(const httplib::Request& req, httplib::Response& res) {
    ++signup_posts_;
    const std::string key = req.get_header_value("Idempotency-Key");
    auto json = nlohmann::json::parse(req.body, nullptr, false);
    auto submission = json.is_discarded() ? Result<protocol::SignupSubmission>::Fail("not JSON")
                                          : protocol::SignupSubmissionFromJson(json);
    if (signup_http_reject_ || !submission || submission->signup_uuid != key) {
      res.status = 422;
      res.set_content(protocol::ErrorBodyJson(422, submission ? "refused" : submission.error()), "application/json");
      return;
    }
    std::string body;
    int status = 200;
    {
      std::lock_guard lock(mutex_);
      auto known = signup_keys_.find(key);
      if (known == signup_keys_.end()) {
        protocol::SignupStatus s;
        s.code = submission->code;
        s.activity_id = submission->activity_id;
        s.occurrence = submission->occurrence;
        s.people = submission->people;
        s.updated_at = 1'790'000'000 + static_cast<protocol::UnixSeconds>(signup_order_.size());
        if (signup_refusal_ != protocol::SignupRefusal::None) {
          s.state = protocol::SignupState::Refused;
          s.refusal = signup_refusal_;
        } else if (confirmed_people_ + s.people <= signup_capacity_) {
          s.state = protocol::SignupState::Confirmed;
          confirmed_people_ += s.people;
        } else {
          s.state = protocol::SignupState::Waitlisted;
          s.waitlist_position = static_cast<int>(waitlist_.size()) + 1;
          waitlist_.push_back(s.code);
        }
        signups_[s.code] = s;
        signup_keys_[key] = s.code;
        signup_order_.push_back(key);
        status = 201;
        known = signup_keys_.find(key);
      }
      body = nlohmann::json(signups_[known->second]).dump();
    }
    if (!Misbehave(res, body)) return;
    res.status = status;
    res.set_content(body, "application/json");
  }

  // Cancels and promotes the first on the wait-list when places free up.
  void CancelSignup(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    auto it = signups_.find(req.matches[1]);
    if (it == signups_.end()) {
      res.status = 404;
      res.set_content(protocol::ErrorBodyJson(404, "no such sign-up"), "application/json");
      return;
    }
    protocol::SignupStatus& s = it->second;
    if (s.state == protocol::SignupState::Confirmed) {
      confirmed_people_ -= s.people;
      if (!waitlist_.empty()) {
        protocol::SignupStatus& first = signups_[waitlist_.front()];
        waitlist_.erase(waitlist_.begin());
        first.state = protocol::SignupState::Confirmed;
        first.waitlist_position = 0;
        first.updated_at += 100;
        confirmed_people_ += first.people;
        for (std::size_t i = 0; i < waitlist_.size(); ++i) signups_[waitlist_[i]].waitlist_position = int(i) + 1;
      }
    }
    if (s.state != protocol::SignupState::Refused) {
      s.state = protocol::SignupState::Cancelled;
      s.waitlist_position = 0;
      s.updated_at += 200;
    }
    res.set_content(nlohmann::json(s).dump(), "application/json");
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<Mode> mode_{Mode::Good};
  std::atomic<int> services_requests_{0};
  std::atomic<int> feed_requests_{0};
  std::atomic<bool> batches_{false};
  std::atomic<int> batch_requests_{0};
  std::mutex mutex_;
  std::string rejected_service_ = "no-such-service";
  std::map<std::string, std::string> reassign_;
  std::map<std::string, std::string> acks_;  // Idempotency-Key → the first answer
  std::vector<std::string> filed_order_;
  std::vector<Received> received_;
  std::map<std::string, protocol::ServiceRequestStatus> statuses_;
  std::vector<std::string> status_queries_;
  std::atomic<int> signup_capacity_{1000};
  std::atomic<protocol::SignupRefusal> signup_refusal_{protocol::SignupRefusal::None};
  std::atomic<bool> signup_http_reject_{false};
  std::atomic<int> signup_posts_{0};
  int confirmed_people_ = 0;
  std::vector<std::string> waitlist_;                  // codes, in order
  std::map<std::string, std::string> signup_keys_;     // Idempotency-Key → code
  std::map<std::string, protocol::SignupStatus> signups_;  // code → status
  std::vector<std::string> signup_order_;
  std::vector<std::string> signup_queries_;
};

}  // namespace ck::sync::testing
