// A resident's phone number as shown to whoever may not read it whole: the kiosk's review and receipt
// screens, and the console to a party that handles a ticket it does not own.
#pragma once

#include <string>
#include <string_view>

namespace ck::protocol {

// "138****1234": the first three and last four digits of a number of 8 or more; of 5–7, "****" and the
// last two; shorter, "****". Always four stars, so the mask does not tell the number's length.
std::string MaskPhone(std::string_view phone);

}  // namespace ck::protocol
