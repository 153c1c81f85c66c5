// Who may change which notice: a party edits its own notices, the street office edits all. The one rule,
// used by every notice page and action.
#pragma once

#include "sync/hub/store/console_repository.h"

namespace ck::hub::console {

inline bool MayEditNotice(const StaffAccount& me, Party publisher) {
  return me.party == Party::StreetOffice || me.party == publisher;
}

}  // namespace ck::hub::console
