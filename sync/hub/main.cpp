// community-hub entry point: everything lives in ck_hub; this only connects it to the process.
#include <iostream>

#include "sync/hub/cli/cli.h"

int main(int argc, char** argv) {
  return ck::hub::RunCli(argc, argv, std::cout, std::cerr);
}
