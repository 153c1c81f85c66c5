// Links one hub layer's whole archive with only the layers below it (sync/hub/CMakeLists.txt): a call from
// that layer into a higher one has no definition here, so the link fails.
int main() {
  return 0;
}
