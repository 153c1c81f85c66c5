// application/x-www-form-urlencoded bodies (Open311 POSTs), decoded strictly: httplib 0.11 leaves them
// undecoded, and a lenient decoder would turn a broken "%E4%B8" into text nobody typed.
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <string_view>

#include "sync/protocol/result.h"

namespace ck::hub {

// Decodes "a=1&b=%E4%B8%AD+x". A malformed escape, a repeated field (ambiguous) or a value that is not
// valid UTF-8 is an error naming the field. Empty pairs ("a=1&&b=2") are skipped.
Result<std::multimap<std::string, std::string>> ParseFormBody(std::string_view body);

// The fields of a multipart/form-data body (read into req.files by RequestBodies), held to the same rules
// as ParseFormBody: a repeated field or a value that is not valid UTF-8 is an error naming the field. Parts
// that carry a file (Open311 clients attach a photo as `media`) are left out: the hub stores no media.
Result<std::multimap<std::string, std::string>> FormFromParts(const httplib::MultipartFormDataMap& parts);

// True for "application/x-www-form-urlencoded" with optional parameters, where a charset (if any) is
// UTF-8; media types compare case-insensitively.
bool IsFormContentType(std::string_view content_type);

}  // namespace ck::hub
