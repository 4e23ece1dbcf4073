// The audit report in a real browser (issue 10): Debian's chromium, headless, renders
// the report of examples/ to PNG and PDF; the page must not be blank and must hold
// every identity pool's name. Without chromium the test fails: `make test` installs it
// (TEST_APT_PACKAGES in the Makefile).
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../cli_run.h"
#include "../file_text.h"
#include "png.h"
#include "report/html.h"

namespace fs = std::filesystem;

namespace {

using trustlint::testing::RunTrustlint;
using trustlint::testing::ShellQuote;
using trustlint::testing::Slurp;

std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    if (std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0) return name;
  }
  return "";
}

fs::path FreshDirectory(const std::string& stem) {
  std::string pattern = (fs::temp_directory_path() / (stem + "-XXXXXX")).string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

// One headless run with the switches issue 10 names and a profile of its own; no
// network, no first-run work, no updates. Returns what it printed on stdout.
std::string RunChromium(const std::string& chromium, const std::string& action, const fs::path& page,
                        const fs::path& work) {
  static int runs = 0;
  const fs::path profile = work / ("profile" + std::to_string(++runs));
  const fs::path out = work / ("stdout" + std::to_string(runs));
  const std::string cmd = "timeout 60 " + chromium +
                          " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
                          " --disable-component-update --disable-sync --user-data-dir=" +
                          ShellQuote(profile.string()) + " " + action + " " +
                          ShellQuote("file://" + fs::absolute(page).string()) + " >" + ShellQuote(out.string()) +
                          " 2>" + ShellQuote((work / "stderr").string());
  const int status = std::system(cmd.c_str());
  INFO("chromium stderr: ", Slurp(work / "stderr"));
  CHECK(status == 0);
  return Slurp(out);
}

std::vector<std::string> PoolNames(const std::string& check_json) {
  std::vector<std::string> names;
  const nlohmann::json doc = nlohmann::json::parse(check_json);
  for (const auto& r : doc["resources"]) {
    if (r["kind"] == "identity_pool") names.push_back(r["address"]);
  }
  return names;
}

// Page objects of a PDF: "/Type /Page" that is not "/Type /Pages".
int PdfPages(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (at + 11 >= pdf.size() || pdf[at + 11] != 's') ++pages;
  }
  return pages;
}

}  // namespace

TEST_CASE("report: chromium renders the audit report of examples/ to a PNG and a PDF that are not blank") {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  const std::string chromium = Chromium();
  REQUIRE_MESSAGE(!chromium.empty(), "chromium is not installed: `make test` installs it (TEST_APT_PACKAGES)");
  const fs::path work = FreshDirectory("trustlint-browser");
  const fs::path page = work / "audit.html";
  REQUIRE(RunTrustlint({"report", "examples/", "-o", page.string()}).status == 0);
  const std::vector<std::string> pools = PoolNames(RunTrustlint({"check", "examples/", "--format", "json"}, false).out);
  REQUIRE_FALSE(pools.empty());

  const fs::path png = work / "audit.png";
  RunChromium(chromium, "--hide-scrollbars --window-size=1280,2000 --screenshot=" + ShellQuote(png.string()), page, work);
  std::string error;
  const auto image = trustlint::testing::DecodePng(Slurp(png), &error);
  INFO("PNG: ", error);
  REQUIRE(image.has_value());
  CHECK(image->width == 1280u);
  CHECK(image->height == 2000u);
  CHECK(trustlint::testing::DistinctColours(*image, 64) >= 16u);  // text, boxes, red edges: far more than one colour

  const fs::path pdf = work / "audit.pdf";
  RunChromium(chromium, "--no-pdf-header-footer --print-to-pdf=" + ShellQuote(pdf.string()), page, work);
  const std::string pdf_bytes = Slurp(pdf);
  CHECK(pdf_bytes.size() > 10000u);
  CHECK(pdf_bytes.rfind("%PDF-", 0) == 0);
  // One page per pool at least: the print stylesheet starts each pool on a new page.
  CHECK(PdfPages(pdf_bytes) >= static_cast<int>(pools.size()));

  const std::string dom = RunChromium(chromium, "--dump-dom", page, work);
  for (const std::string& pool : pools) {
    INFO("pool ", pool);
    CHECK(dom.find(trustlint::HtmlEscape(pool)) != std::string::npos);
  }
  // A copy for people to look at, when asked for.
  if (const char* keep = std::getenv("TRUSTLINT_KEEP_SCREENSHOT")) fs::copy_file(png, keep, fs::copy_options::overwrite_existing);
  fs::remove_all(work);
}
