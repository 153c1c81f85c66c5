// The public pages of community activities, what a resident's phone opens from a kiosk's QR codes:
//   GET /activities/{id}  the activity: title, organisers, times, place, places left per occurrence, an
//                         "add to my calendar" link (the .ics) and a QR code of the page itself;
//   GET /signups/{code}   one sign-up: its state (confirmed, n-th on the wait-list, cancelled, refused and
//                         why) and a cancel button. Never the name or the phone.
// Pure functions, so wording and escaping are tested without a server. Chinese only, like the notice page.
#pragma once

#include <optional>
#include <string_view>

#include "sync/hub/pages/html_frame.h"
#include "sync/hub/store/activity_repository.h"
#include "sync/protocol/activity.h"

namespace ck::hub {

// The path of an activity's public page and of a sign-up's, under the hub's public URL.
std::string ActivityPagePath(std::string_view activity_id);
std::string SignupPagePath(std::string_view code);

// `activity` carries its sign-up counts; occurrences already over at `now` are left out. The QR code shows
// only when the hub knows its public URL.
HtmlPage RenderActivityPage(const protocol::Activity& activity, std::string_view public_url, protocol::UnixSeconds now);
HtmlPage RenderUnknownActivityPage();

// `activity` is nullopt when the sign-up names an activity the hub no longer has (a refused one).
HtmlPage RenderSignupPage(const SignupRecord& signup, const std::optional<protocol::Activity>& activity,
                          protocol::UnixSeconds now);
HtmlPage RenderMistypedSignupPage();
HtmlPage RenderUnknownSignupPage();

}  // namespace ck::hub
