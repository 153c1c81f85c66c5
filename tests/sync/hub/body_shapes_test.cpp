// No body shape gives a 5xx: every API POST route of a real hub (over loopback) answered with multipart,
// an empty body and a wrong content type; Open311's POST takes multipart fields like urlencoded ones.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/raw_http.h"
#include "tests/sync/hub/in_process_hub.h"

namespace ck::hub {
namespace {

using e2e::RawConnect;
using e2e::RawReadAll;
using e2e::RawSend;
using e2e::RawStatus;

class BodyShapesTest : public testing::InProcessHubTest {
 protected:
  // Every API POST route, with the credential it takes.
  std::vector<std::pair<std::string, std::string>> Routes() {
    auto ticket = FileOne();
    return {{"/requests.json", token_},
            {"/api/v1/requests/batch", token_},
            {"/api/v1/ratings", token_},
            {"/api/v1/heartbeat", token_},
            {"/api/v1/operator/requests/" + ticket + "/assign", operator_token_},
            {"/api/v1/operator/requests/" + ticket + "/status", operator_token_},
            {"/api/v1/operator/requests/" + ticket + "/reply", operator_token_},
            {"/api/v1/operator/requests/" + ticket + "/close", operator_token_}};
  }
};

TEST_F(BodyShapesTest, AStockOpen311ClientFilesAsMultipartWithAPhotoAttached) {
  httplib::MultipartFormDataItems items = {
      {"api_key", token_, "", ""},
      {"service_code", "sanitation", "", ""},
      {"description", "垃圾未及时清运", "", ""},
      {"address_string", "3号楼2单元", "", ""},
      {"media", std::string(2000, '\xff'), "photo.jpg", "image/jpeg"},  // ignored: the hub stores no media
  };
  auto c = Client();
  auto res = c.Post("/requests.json", items);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  auto answer = nlohmann::json::parse(res->body, nullptr, false);
  ASSERT_TRUE(answer.is_array()) << res->body;
  const std::string id = answer[0].value("service_request_id", "");
  ASSERT_FALSE(id.empty()) << res->body;
  auto stored = repo_->FindRequest(id);
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ((*stored)->description, "垃圾未及时清运");
  EXPECT_EQ((*stored)->status.address_string, "3号楼2单元");
}

TEST_F(BodyShapesTest, MultipartFieldsAreHeldToTheFormRules) {
  auto c = Client();
  httplib::MultipartFormDataItems twice = {{"api_key", token_, "", ""},
                                           {"service_code", "sanitation", "", ""},
                                           {"service_code", "noise", "", ""},
                                           {"description", "x", "", ""}};
  auto res = c.Post("/requests.json", twice);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("service_code: given more than once"), std::string::npos) << res->body;
  httplib::MultipartFormDataItems bad_utf8 = {
      {"api_key", token_, "", ""}, {"service_code", "sanitation", "", ""}, {"description", "\xff\xfe", "", ""}};
  res = c.Post("/requests.json", bad_utf8);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("description: not valid UTF-8"), std::string::npos) << res->body;
}

TEST_F(BodyShapesTest, JsonRoutesRefuseMultipartWith415) {
  auto c = Client();
  for (const auto& [path, token] : Routes()) {
    if (path == "/requests.json") continue;
    httplib::MultipartFormDataItems items = {{"api_key", token, "", ""}, {"stars", "5", "", ""}};
    auto res = c.Post(path, {{"Authorization", "Bearer " + token}}, items);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 415) << path << " " << res->body;
    EXPECT_NE(res->body.find("application/json"), std::string::npos) << path << " " << res->body;
  }
}

TEST_F(BodyShapesTest, NoRouteAnswers5xxToAnyBodyShape) {
  const std::vector<std::pair<std::string, std::string>> shapes = {
      {"", "application/json"},
      {"", "application/x-www-form-urlencoded"},
      {"", "multipart/form-data; boundary=x"},
      {"--x--\r\n", "multipart/form-data; boundary=x"},
      {"garbage", "multipart/form-data"},  // no boundary
      {"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "multipart/form-data; boundary=x"},  // cut
      {"stars=5", "text/plain"},
      {"<x/>", "application/xml"},
      {"{\"stars\":5}", "application/x-www-form-urlencoded"},
      {"a=1", "application/json"},
      {"\xff\xfe", "application/octet-stream"},
  };
  for (const auto& [path, token] : Routes()) {
    for (const auto& [body, type] : shapes) {
      auto c = Client();
      auto res = c.Post(path, {{"Authorization", "Bearer " + token}}, body, type);
      ASSERT_TRUE(res) << path << " " << type;
      EXPECT_GE(res->status, 200) << path << " " << type;
      EXPECT_LT(res->status, 500) << path << " " << type << " " << res->body;
      if (res->status >= 400) {
        EXPECT_NE(res->body.find("\"description\""), std::string::npos) << path << " " << type << res->body;
      }
    }
    // No Content-Type at all, and no body at all (raw, so no client fills anything in).
    int fd = RawConnect(port_);
    ASSERT_GE(fd, 0);
    RawSend(fd, "POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                    "\r\nConnection: close\r\n\r\n");
    int status = RawStatus(RawReadAll(fd));
    close(fd);
    EXPECT_GE(status, 200) << path;
    EXPECT_LT(status, 500) << path;
  }
}

}  // namespace
}  // namespace ck::hub
