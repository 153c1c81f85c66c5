// New moons to the second, from libnova's ELP 2000-82B moon and VSOP87 sun: ICU's Chinese calendar
// approximates them within minutes, which puts a few month starts on the wrong day when the new moon falls
// near midnight in Beijing (春节 2027 and 2030 among them). The lunar calendar takes its day boundaries
// from here and its month names from ICU.
#pragma once

#include <cstdint>

namespace ck::calendar {

// Days since 1970-01-01 of a Beijing civil date.
using BeijingDay = std::int64_t;

// The Beijing date of the new moon nearest to `estimate` (within about 3 days of it).
BeijingDay NewMoonDayNear(BeijingDay estimate);

}  // namespace ck::calendar
