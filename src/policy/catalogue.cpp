#include "policy/catalogue.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>

#include "base/ascii.h"

namespace trustlint {

// Defined in the generated ${CMAKE_BINARY_DIR}/generated/catalogue_data.cpp.
extern const char kCatalogueTable[];
extern const std::size_t kCatalogueTableSize;

namespace {

// Byte order of the lower-cased strings: the order the generator sorts in.
int CompareFolded(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto ca = static_cast<unsigned char>(LowerAscii(a[i]));
    const auto cb = static_cast<unsigned char>(LowerAscii(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

AccessLevel AccessFromCode(std::string_view code) {
  if (code.size() != 1 || code[0] < '0' || code[0] > '4') throw std::logic_error("catalogue: bad access code");
  return static_cast<AccessLevel>(code[0] - '0');
}

}  // namespace

bool IamGlobMatch(std::string_view pattern, std::string_view text, bool case_insensitive) {
  // Iterative matcher with single backtrack point: linear in practice, no recursion.
  std::size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  auto same = [&](char a, char b) { return case_insensitive ? LowerAscii(a) == LowerAscii(b) : a == b; };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool HasIamWildcard(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

std::string_view AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList: return "List";
    case AccessLevel::kRead: return "Read";
    case AccessLevel::kWrite: return "Write";
    case AccessLevel::kPermissionsManagement: return "Permissions management";
    case AccessLevel::kTagging: return "Tagging";
  }
  return "Unknown";
}

std::string ActionInfo::FullName() const {
  std::string full(service);
  full += ':';
  full += name;
  return full;
}

struct ActionCatalogue::Impl {
  struct Service {
    std::string_view name;
    std::size_t first_action = 0, end_action = 0;  // [first, end) in actions
    std::size_t first_type = 0, end_type = 0;      // [first, end) in types
  };
  std::string_view version;
  std::vector<Service> services;         // sorted by name
  std::vector<ActionInfo> actions;       // sorted by service, then lower-cased name
  std::vector<ResourceTypeInfo> types;   // grouped by service

  const Service* FindService(std::string_view name) const {
    const auto it = std::lower_bound(services.begin(), services.end(), name,
                                     [](const Service& s, std::string_view n) { return CompareFolded(s.name, n) < 0; });
    return it != services.end() && CompareFolded(it->name, name) == 0 ? &*it : nullptr;
  }

  // The action of `s` named `name` (case-insensitive; a service's actions are sorted case-folded).
  const ActionInfo* FindAction(const Service& s, std::string_view name) const {
    const auto first = actions.begin() + static_cast<std::ptrdiff_t>(s.first_action);
    const auto last = actions.begin() + static_cast<std::ptrdiff_t>(s.end_action);
    const auto it = std::lower_bound(first, last, name,
                                     [](const ActionInfo& a, std::string_view n) { return CompareFolded(a.name, n) < 0; });
    return it != last && CompareFolded(it->name, name) == 0 ? &*it : nullptr;
  }

  void ParseLine(std::string_view line) {
    const std::vector<std::string_view> f = Split(line, '\t');
    if (f.empty()) return;
    if (f[0] == "V" && f.size() == 2) {
      version = f[1];
    } else if (f[0] == "S" && f.size() == 2) {
      services.push_back({f[1], actions.size(), actions.size(), types.size(), types.size()});
    } else if (f[0] == "R" && f.size() == 3 && !services.empty()) {
      types.push_back({services.back().name, f[1], f[2]});
      services.back().end_type = types.size();
    } else if (f[0] == "A" && f.size() == 5 && !services.empty()) {
      ActionInfo info{services.back().name, f[1], AccessFromCode(f[2]), {}, Split(f[4], ',')};
      for (std::string_view ref : Split(f[3], ',')) {
        const bool required = !ref.empty() && ref.back() == '!';
        info.resource_types.push_back({required ? ref.substr(0, ref.size() - 1) : ref, required});
      }
      actions.push_back(std::move(info));
      services.back().end_action = actions.size();
    } else {
      throw std::logic_error("catalogue: malformed generated table line");
    }
  }
};

ActionCatalogue::ActionCatalogue() {
  auto* impl = new Impl;  // lives for the program: the catalogue is a process-wide singleton
  impl->actions.reserve(24000);
  const std::string_view table(kCatalogueTable, kCatalogueTableSize);
  for (std::string_view line : Split(table, '\n')) impl->ParseLine(line);
  impl_ = impl;
}

const ActionCatalogue& ActionCatalogue::Get() {
  static const ActionCatalogue catalogue;
  return catalogue;
}

std::vector<const ActionInfo*> ActionCatalogue::Expand(std::string_view pattern) const {
  std::vector<const ActionInfo*> out;
  const std::size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) {
    // Only a bare run of wildcards ("*") is meaningful without a service prefix.
    if (pattern.empty() || pattern.find_first_not_of('*') != std::string_view::npos) return out;
    for (const ActionInfo& a : impl_->actions) out.push_back(&a);
    return out;
  }
  const std::string_view service = pattern.substr(0, colon);
  const std::string_view action = pattern.substr(colon + 1);
  // Services and each service's actions are sorted case-folded: a name without
  // wildcards is a binary search (every policy names most actions literally, and the
  // rules expand each one), a glob a scan.
  const auto append_actions = [&](const Impl::Service& s) {
    if (!HasIamWildcard(action)) {
      if (const ActionInfo* a = impl_->FindAction(s, action)) out.push_back(a);
      return;
    }
    for (std::size_t i = s.first_action; i < s.end_action; ++i) {
      if (IamGlobMatch(action, impl_->actions[i].name, true)) out.push_back(&impl_->actions[i]);
    }
  };
  if (!HasIamWildcard(service)) {
    if (const Impl::Service* s = impl_->FindService(service)) append_actions(*s);
    return out;
  }
  for (const Impl::Service& s : impl_->services) {
    if (IamGlobMatch(service, s.name, true)) append_actions(s);
  }
  return out;
}

std::vector<const ActionInfo*> ActionCatalogue::ExpandNot(const std::vector<std::string>& patterns) const {
  std::vector<bool> excluded(impl_->actions.size(), false);
  for (const std::string& pattern : patterns) {
    for (const ActionInfo* a : Expand(pattern)) excluded[static_cast<std::size_t>(a - impl_->actions.data())] = true;
  }
  std::vector<const ActionInfo*> out;
  for (std::size_t i = 0; i < impl_->actions.size(); ++i) {
    if (!excluded[i]) out.push_back(&impl_->actions[i]);
  }
  return out;
}

const ActionInfo* ActionCatalogue::Find(std::string_view service, std::string_view action) const {
  const Impl::Service* s = impl_->FindService(service);
  return s == nullptr ? nullptr : impl_->FindAction(*s, action);
}

const ResourceTypeInfo* ActionCatalogue::FindResourceType(std::string_view service, std::string_view name) const {
  const Impl::Service* s = impl_->FindService(service);
  if (s == nullptr) return nullptr;
  for (std::size_t i = s->first_type; i < s->end_type; ++i) {
    if (CompareFolded(impl_->types[i].name, name) == 0) return &impl_->types[i];
  }
  return nullptr;
}

std::vector<const ResourceTypeInfo*> ActionCatalogue::ResourceTypesOf(std::string_view service) const {
  std::vector<const ResourceTypeInfo*> out;
  const Impl::Service* s = impl_->FindService(service);
  if (s == nullptr) return out;
  for (std::size_t i = s->first_type; i < s->end_type; ++i) out.push_back(&impl_->types[i]);
  return out;
}

bool ActionCatalogue::HasService(std::string_view service) const { return impl_->FindService(service) != nullptr; }

std::size_t ActionCatalogue::ActionCount() const { return impl_->actions.size(); }

std::string_view ActionCatalogue::DataVersion() const { return impl_->version; }

}  // namespace trustlint
