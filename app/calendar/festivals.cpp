// Festival names by lunar and Gregorian date.
#include "app/calendar/festivals.h"

#include <array>

namespace ck::calendar {

namespace {

struct DatedFestival {
  int month;
  int day;
  const char* chinese;
  const char* english;
};

constexpr std::array<DatedFestival, 9> kLunarFestivals = {{
    {1, 1, "春节", "Spring Festival"},
    {1, 15, "元宵", "Lantern Festival"},
    {5, 5, "端午", "Dragon Boat"},
    {7, 7, "七夕", "Qixi"},
    {7, 15, "中元", "Ghost Festival"},
    {8, 15, "中秋", "Mid-Autumn"},
    {9, 9, "重阳", "Double Ninth"},  // also 老年节, the seniors' day
    {12, 8, "腊八", "Laba"},
    {12, 23, "小年", "Little New Year"},
}};

constexpr std::array<DatedFestival, 10> kGregorianFestivals = {{
    {1, 1, "元旦", "New Year's Day"},
    {3, 8, "妇女节", "Women's Day"},
    {3, 12, "植树节", "Tree Planting Day"},
    {5, 1, "劳动节", "Labour Day"},
    {5, 4, "青年节", "Youth Day"},
    {6, 1, "儿童节", "Children's Day"},
    {7, 1, "建党节", "CPC Founding Day"},
    {8, 1, "建军节", "Army Day"},
    {9, 10, "教师节", "Teachers' Day"},
    {10, 1, "国庆", "National Day"},
}};

const char* NameIn(const DatedFestival& f, CalendarLanguage language) {
  return language == CalendarLanguage::kChinese ? f.chinese : f.english;
}

}  // namespace

std::vector<std::string> FestivalsOn(const FestivalDay& day, CalendarLanguage language) {
  std::vector<std::string> names;
  if (day.last_day_of_lunar_year) {
    names.emplace_back(language == CalendarLanguage::kChinese ? "除夕" : "New Year's Eve (lunar)");
  }
  if (!day.lunar.leap_month) {
    for (const DatedFestival& f : kLunarFestivals) {
      if (f.month == day.lunar.month && f.day == day.lunar.day) names.emplace_back(NameIn(f, language));
    }
  }
  const int month = static_cast<int>(static_cast<unsigned>(day.date.month()));
  const int dom = static_cast<int>(static_cast<unsigned>(day.date.day()));
  for (const DatedFestival& f : kGregorianFestivals) {
    if (f.month == month && f.day == dom) names.emplace_back(NameIn(f, language));
  }
  return names;
}

}  // namespace ck::calendar
