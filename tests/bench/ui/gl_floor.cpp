// The floor under the first-frame figure: a bare GLFW window with an OpenGL 3.3 context, one clear, one
// swap, nothing else. Prints CLOCK_MONOTONIC at the swap, like the kiosk under CK_BENCH_FIRST_FRAME=1.
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <time.h>

#include <cstdio>

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(1920, 1080, "gl-floor", nullptr, nullptr);
  if (window == nullptr) return 1;
  glfwMakeContextCurrent(window);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glfwSwapBuffers(window);
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  std::printf("first-frame-monotonic-ns %lld\n",
              static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
