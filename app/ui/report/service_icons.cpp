// Simple line-and-fill pictograms: recognisable at a glance on a big tile, in the tile's text colour.
#include "app/ui/report/service_icons.h"

#include <cmath>

namespace ck::ui {

void DrawServiceIcon(ImDrawList* dl, std::string_view icon, ImVec2 c, float size, ImU32 color) {
  const float h = size * 0.5f;
  const float t = std::max(2.0f, size * 0.07f);  // stroke
  auto P = [&](float x, float y) { return ImVec2(c.x + x * h, c.y + y * h); };
  if (icon == "broom") {
    dl->AddLine(P(0.75f, -0.9f), P(-0.1f, 0.25f), color, t);
    dl->AddQuadFilled(P(-0.25f, 0.05f), P(0.15f, 0.35f), P(-0.2f, 0.95f), P(-0.85f, 0.5f), color);
  } else if (icon == "warning") {
    dl->AddTriangle(P(0.0f, -0.9f), P(0.95f, 0.8f), P(-0.95f, 0.8f), color, t);
    dl->AddLine(P(0.0f, -0.35f), P(0.0f, 0.3f), color, t * 1.2f);
    dl->AddCircleFilled(P(0.0f, 0.55f), t * 0.8f, color);
  } else if (icon == "car") {
    dl->AddRectFilled(P(-0.95f, -0.1f), P(0.95f, 0.5f), color, h * 0.12f);
    dl->AddQuadFilled(P(-0.55f, -0.1f), P(-0.35f, -0.6f), P(0.4f, -0.6f), P(0.6f, -0.1f), color);
    dl->AddCircleFilled(P(-0.5f, 0.55f), h * 0.22f, color);
    dl->AddCircleFilled(P(0.5f, 0.55f), h * 0.22f, color);
  } else if (icon == "wrench") {
    dl->AddLine(P(-0.7f, 0.7f), P(0.25f, -0.25f), color, t * 2.2f);
    dl->AddCircle(P(0.45f, -0.45f), h * 0.38f, color, 0, t * 1.6f);
  } else if (icon == "volume") {
    dl->AddRectFilled(P(-0.9f, -0.25f), P(-0.55f, 0.25f), color);
    dl->AddTriangleFilled(P(-0.6f, -0.25f), P(-0.1f, -0.7f), P(-0.1f, 0.0f), color);
    dl->AddTriangleFilled(P(-0.6f, 0.25f), P(-0.1f, 0.0f), P(-0.1f, 0.7f), color);
    for (float r : {0.35f, 0.65f}) {
      dl->PathArcTo(P(0.0f, 0.0f), h * r + h * 0.1f, -0.8f, 0.8f, 12);
      dl->PathStroke(color, 0, t);
    }
  } else if (icon == "tree") {
    dl->AddRectFilled(P(-0.1f, 0.2f), P(0.1f, 0.95f), color);
    dl->AddCircleFilled(P(0.0f, -0.25f), h * 0.6f, color);
  } else if (icon == "building") {
    dl->AddRect(P(-0.6f, -0.9f), P(0.6f, 0.9f), color, 0.0f, 0, t);
    for (int row = 0; row < 3; ++row)
      for (int col = 0; col < 2; ++col) {
        const float x = -0.35f + col * 0.45f, y = -0.65f + row * 0.45f;
        dl->AddRectFilled(P(x, y), P(x + 0.25f, y + 0.22f), color);
      }
    dl->AddRectFilled(P(-0.15f, 0.5f), P(0.15f, 0.9f), color);
  } else if (icon == "more") {
    for (float x : {-0.6f, 0.0f, 0.6f}) dl->AddCircleFilled(P(x, 0.0f), h * 0.16f, color);
  } else {
    dl->AddCircleFilled(c, h * 0.5f, color);
  }
}

}  // namespace ck::ui
