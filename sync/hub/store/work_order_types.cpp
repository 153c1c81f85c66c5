// Wire codes of the work-order types.
#include "sync/hub/store/work_order_types.h"

namespace ck::hub {

std::string_view ChannelCode(Channel c) {
  switch (c) {
    case Channel::Kiosk:
      return "kiosk";
    case Channel::Phone:
      return "phone";
    case Channel::FrontDesk:
      return "front_desk";
    case Channel::Open311:
      return "open311";
  }
  return "kiosk";
}

std::optional<Channel> ParseChannel(std::string_view code) {
  for (Channel c : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    if (ChannelCode(c) == code) return c;
  return std::nullopt;
}

}  // namespace ck::hub
