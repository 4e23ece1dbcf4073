#include "base/location.h"

#include <mutex>
#include <set>

namespace trustlint {
namespace {

const std::string* EmptyName() {
  static const std::string* empty = new std::string;  // never freed: outlives every Location
  return empty;
}

const std::string* Intern(std::string_view name) {
  if (name.empty()) return EmptyName();
  // The last name this thread interned: a front end makes every Location of a file
  // with the same name, so most calls end here without taking the lock.
  thread_local const std::string* last = nullptr;
  if (last != nullptr && *last == name) return last;
  static std::mutex mutex;
  // Never freed: it outlives every Location, static destructors included.
  static auto* names = new std::set<std::string, std::less<>>;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = names->find(name);
  if (it == names->end()) it = names->emplace(name).first;
  last = &*it;
  return last;
}

}  // namespace

FileName::FileName() : name_(EmptyName()) {}
FileName::FileName(std::string_view name) : name_(Intern(name)) {}

std::string FormatLocation(const Location& loc) {
  if (!loc.Known()) return loc.file;
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace trustlint
