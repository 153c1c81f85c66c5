// The console's templates: every value is escaped (a hostile string in every field of every template comes
// out as text), every template a page or a partial names exists and every template file is used, every
// word a template names exists in both languages, and the renderer's own pieces behave.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "sync/hub/console/template_render.h"
#include "sync/hub/console/text.h"

namespace ck::hub::console {
namespace {

const std::filesystem::path kConsoleDir =
    std::filesystem::path(CK_SOURCE_ASSETS_DIR).parent_path() / "sync" / "hub" / "console";

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Unescaped output ({{{x}}} or {{&x}}) is allowed only here, for HTML the C++ side builds from escaped parts;
// console/README.md lists the same places.
const std::vector<std::string> kUnescapedAllowed = {
    "qr_svg",              // receipt.mustache: the ticket's QR code, an SVG pages/qr_svg.h builds
};

const char kHostile[] = "<script>alert(\"x\")</script>&'\"<img src=x onerror=alert(1)>";

TEST(ConsoleTemplatesTest, AHostileValueInEveryFieldOfEveryTemplateIsEscaped) {
  ASSERT_FALSE(TemplateNames().empty());
  for (std::string_view name : TemplateNames()) {
    // The frame is rendered around each page in turn, so every page is checked inside it too. (The frame
    // has a <script src=…> of its own: look for the hostile value.)
    std::string out = RenderWithEveryValue(name, kHostile, name == "frame" ? "error" : "", kUnescapedAllowed);
    EXPECT_EQ(out.find("<script>alert"), std::string::npos) << name << ":\n" << out;
    EXPECT_EQ(out.find("<img"), std::string::npos) << name;
    EXPECT_EQ(out.find("alert(\"x\")"), std::string::npos) << name << ": a quote came out raw";
    EXPECT_EQ(out.find("&'"), std::string::npos) << name << ": & or ' came out raw";
    if (name != "frame") {
      std::string framed = RenderWithEveryValue("frame", kHostile, name, kUnescapedAllowed);
      EXPECT_EQ(framed.find("<script>alert"), std::string::npos) << name << " in the frame";
    }
  }
}

TEST(ConsoleTemplatesTest, UnescapedOutputOnlyWhereAllowed) {
  const std::regex kUnescaped(R"re(\{\{\{\s*([A-Za-z0-9_.]+)\s*\}\}\}|\{\{&\s*([A-Za-z0-9_.]+)\s*\}\})re");
  for (std::string_view name : TemplateNames()) {
    std::string text(TemplateText(name));
    for (std::sregex_iterator it(text.begin(), text.end(), kUnescaped), end; it != end; ++it) {
      std::string var = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      EXPECT_NE(std::find(kUnescapedAllowed.begin(), kUnescapedAllowed.end(), var), kUnescapedAllowed.end()) << name << ".mustache writes {{{" << var << "}}} unescaped";
    }
  }
}

TEST(ConsoleTemplatesTest, EveryTemplateReferencedExistsAndEveryFileIsUsed) {
  std::set<std::string> used = {"frame"};  // the router renders the frame around every page
  // From the console's C++: rq.Render("name", …) and RenderTemplate("name", …).
  const std::regex kFromCpp(R"re(\b(?:Render|RenderTemplate)\(\s*"([a-z0-9_]+)")re");
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kConsoleDir)) {
    if (entry.path().extension() != ".cpp") continue;
    std::string text = ReadFile(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), kFromCpp), end; it != end; ++it) {
      ++pages;
      std::string name = (*it)[1].str();
      EXPECT_TRUE(HasTemplate(name)) << entry.path().filename() << " renders " << name << ", which does not exist";
      used.insert(name);
    }
  }
  EXPECT_GT(pages, 0) << "the pattern found no page: is it still right?";
  // From the templates: {{>name}} ("content" is the frame's page).
  const std::regex kPartial(R"re(\{\{>\s*([a-z0-9_]+)\s*\}\})re");
  for (std::string_view name : TemplateNames()) {
    std::string text(TemplateText(name));
    for (std::sregex_iterator it(text.begin(), text.end(), kPartial), end; it != end; ++it) {
      std::string partial = (*it)[1].str();
      if (partial == "content") continue;
      EXPECT_TRUE(HasTemplate(partial)) << name << ".mustache includes " << partial << ", which does not exist";
      used.insert(partial);
    }
  }
  // Every file in templates/ is compiled in, and used.
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kConsoleDir / "templates")) {
    if (entry.path().extension() != ".mustache") continue;
    files.insert(entry.path().stem().string());
    EXPECT_TRUE(HasTemplate(entry.path().stem().string())) << entry.path() << " is not compiled in";
  }
  for (std::string_view name : TemplateNames()) {
    EXPECT_TRUE(files.count(std::string(name))) << name << " is compiled in but has no file";
    EXPECT_TRUE(used.count(std::string(name))) << name << ".mustache is never rendered nor included";
  }
}

TEST(ConsoleTemplatesTest, EveryWordATemplateNamesHasBothLanguages) {
  const std::regex kWord(R"re(\{\{\s*t\.([a-z0-9_.]+)\s*\}\})re");
  int seen = 0;
  for (std::string_view name : TemplateNames()) {
    std::string text(TemplateText(name));
    for (std::sregex_iterator it(text.begin(), text.end(), kWord), end; it != end; ++it) {
      ++seen;
      EXPECT_TRUE(HasText((*it)[1].str())) << name << ".mustache: " << (*it)[1].str();
    }
  }
  EXPECT_GT(seen, 2);
}

TEST(ConsoleTemplatesTest, ValuesAreEscapedWordsTranslatedAndPartialsIncluded) {
  View v;
  v["heading"] = "<b>\"Tom & Jerry's\"</b>";
  v["error"] = false;
  v["body"] = false;
  std::string out = RenderTemplate("error", v, Lang::En);
  EXPECT_NE(out.find("<h1>&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;</h1>"), std::string::npos) << out;
  EXPECT_EQ(out.find("class=\"error\""), std::string::npos) << "a false section rendered";

  View p;
  View pager;
  pager["prev"] = "/console/notices?q=a&offset=0";
  pager["next"] = false;
  pager["label"] = "2/3";
  p["pager"] = std::move(pager);
  EXPECT_EQ(RenderTemplate("pager", p, Lang::En),
            "<nav class=\"pager\"><a href=\"/console/notices?q=a&amp;offset=0\">‹ Previous</a> <span>2/3</span></nav>");
  EXPECT_THROW(RenderTemplate("no_such_template", v, Lang::En), std::runtime_error);
}

}  // namespace
}  // namespace ck::hub::console
