#!/usr/bin/env bash
# The performance targets of issue 6 in one run: each cchc figure beside the floor SQLite itself sets for the same
# work on the same data (the sqlite3 shell), every measure run several times, median and spread (fastest–slowest),
# the ratio of the medians, and the peak memory of every command (/usr/bin/time). See BENCHMARKS.md.
#
#   (a) selfreport import of the ~510,000-row CSV / sqlite3 .import of it (shared/bench baseline) — target ≤ 0.8
#   (b) report year as JSON and XLSX on the national database / the sqlite3 shell running the report's core queries
#       (scripts/report-year-core.sql) — target ≤ 2 and under 1 s
#   (c) score list, round list on the example ward / sqlite3 'SELECT count(*) FROM …' — start-up, target ≤ 3
#   (d) peak memory of each — target under 100 MiB
#   (e) evidence add of a folder (default 1 GiB: one 96 MB file, the rest 4 MB files; incompressible, PDF-typed)
#       / sqlite3 -Ac of the same folder (SQLite's own archiver) — target ≤ 1.5, memory under 100 MiB
#   (f) evidence list and evidence check of a ward's year (2,000 files over the demo's units and items) — < 50 ms
#
# Usage: scripts/bench.sh [--quick] [--smoke] [--growth] [--runs N] [--units N] [--import-units N] [--dir DIR]
#   --quick           (b) and (c) only, 3 runs each: the year report and start-up figures in about a minute, for
#                     every change to src/report/ or src/store/ (the national database is generated on first use)
#   --smoke           tiny data, one run each, unoptimised build (the tests' own): checks that the script and the
#                     generators work, in seconds; CI runs it (.ci/run)
#   --growth          instead: how the year report and the import grow with N = 100, 1,000, 3,400, 10,000 units
#   --runs N          runs of each measure (default 5)
#   --units N         units of the generated national database the year report reads (default 3400)
#   --import-units N  units of the generated self-report CSV (default 7400: 510,600 rows)
#   --dir DIR         where the data go (default target/bench); generated once, reused while the parameters hold
#   --evidence-mb N   size of the evidence folder of (e) in MB (default 1024)
#   --only-evidence   run (e) and (f) alone
# Builds the optimised binary once (cargo bench --no-run) and installs sqlite3 and GNU time when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 units=3400 import_units=7400 dir=target/bench repeat=20 smoke=0 quick=0 growth=0 profile=release evidence_mb=1024 only_evidence=0 year_count=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 runs=1 units=20 import_units=30 repeat=3 dir=target/bench-smoke profile=dev evidence_mb=8 year_count=40 ;;
    --quick) quick=1 runs=3 repeat=10 ;;
    --growth) growth=1 runs=3 ;;
    --runs) runs="$2"; shift ;;
    --units) units="$2"; shift ;;
    --import-units) import_units="$2"; shift ;;
    --dir) dir="$2"; shift ;;
    --evidence-mb) evidence_mb="$2"; shift ;;
    --only-evidence) only_evidence=1 ;;
    *) echo "Tùy chọn không rõ: $1 (xem đầu tệp $0)" >&2; exit 2 ;;
  esac
  shift
done

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
have sqlite3 || missing+=(sqlite3)
[ -x /usr/bin/time ] || missing+=(time)
. "$(dirname "${BASH_SOURCE[0]}")/lib/install-missing.sh"

# The bench profile is the release profile; this one build also makes the self-report import benchmark.
# (--smoke: the dev profile, whose build `cargo test` has already made.)
bench() { cargo bench --locked --profile "$profile" "$@"; }
bench --no-run --bench selfreport_import --quiet 2>/dev/null || bench --no-run --bench selfreport_import
target="${CARGO_TARGET_DIR:-target}"
cchc="$target/$([ "$profile" = dev ] && echo debug || echo release)/cchc"
mkdir -p "$dir/out"
export CCHC_NOW=2026-11-28T09:00:00 CCHC_USER=bench NO_COLOR=1
year=2026

# median min max of the numbers on stdin (one a line).
stats() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "0 0 0"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }

# measure NAME REPEAT CMD…: RUNS runs of REPEAT back-to-back executions; appends "NAME seconds-per-execution"
# to $dir/times, then one run under /usr/bin/time appends "NAME peak-KiB" to $dir/memory. Output is discarded.
measure() {
  local name="$1" n="$2"; shift 2
  local start end i
  start=$EPOCHREALTIME
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1; done
  end=$EPOCHREALTIME
  echo "$name $(awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "%.6f", (e - s) / n }')" >>"$dir/times"
}
memory() {
  local name="$1"; shift
  /usr/bin/time -f "%M" -o "$dir/mem.one" "$@" >/dev/null 2>&1
  echo "$name $(cat "$dir/mem.one")" >>"$dir/memory"
}
: >"$dir/times"
: >"$dir/memory"

# national N: the generated national database of N units (made once, then reused).
national() {
  local db="$dir/national-$1.db"
  if [ ! -f "$db" ]; then
    rm -f "$db.tmp"*
    "$cchc-gen-scale" --units "$1" --seed 2026 --out "$db.tmp" 2>"$dir/gen.log" || { cat "$dir/gen.log" >&2; exit 1; }
    mv "$db.tmp" "$db"
  fi
  echo "$db"
}
floor_sql() { sqlite3 -cmd ".parameter set ?1 $year" -cmd ".parameter set ?2 NULL" "$national" <scripts/report-year-core.sql; }
median_of() { awk -v n="$1" '$1 == n { print $2 }' "$dir/times" | stats | cut -d' ' -f1; }

# (e) Evidence: a folder streamed into the database by `evidence add`, against `sqlite3 -Ac` of the same folder.
# Random bytes behind a PDF header: typed as PDF by content, incompressible (sqlite3 then stores them raw too, after
# trying zlib on each). Each run starts from a copy of the same small ward database.
evidence_case() {
  local folder="$dir/evidence-$evidence_mb" template="$dir/evidence-ward.db" big=$((evidence_mb / 4 > 96 ? 96 : evidence_mb / 4))
  if [ ! -d "$folder" ]; then
    mkdir -p "$folder.tmp"
    { printf '%%PDF-1.4\n'; head -c $((big * 1000000)) /dev/urandom; } >"$folder.tmp/lon.pdf"
    for ((i = 0; i < (evidence_mb - big) / 4; i++)); do
      { printf '%%PDF-1.4\n'; head -c 4000000 /dev/urandom; } >"$folder.tmp/$(printf 'tep-%04d.pdf' "$i")"
    done
    mv "$folder.tmp" "$folder"
  fi
  if [ ! -f "$template" ]; then
    rm -f "$template"*
    "$cchc" --db "$template" init >/dev/null 2>&1
    "$cchc" --db "$template" unit add --code VP --name "Văn phòng HĐND và UBND" >/dev/null 2>&1
    "$cchc" --db "$template" assign add 1.1.5 --unit VP >/dev/null 2>&1
    "$cchc" --db "$template" round new --kind dot1 --year $year >/dev/null 2>&1
    sqlite3 "$template" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  fi
  "$cchc" --db "$template" config set evidence_max_mb 200 >/dev/null 2>&1
  local files=("$folder"/*.pdf)
  ev_cchc() { rm -f "$dir/ev.db"*; cp "$template" "$dir/ev.db"; "$cchc" --db "$dir/ev.db" evidence add $year-dot1 VP 1.1.5 "${files[@]}"; }
  ev_sql() { rm -f "$dir/ev-sql.db"*; sqlite3 "$dir/ev-sql.db" -Ac "$folder"; }
  for ((r = 0; r < runs; r++)); do
    measure "evidence-sql" 1 ev_sql
    measure "evidence-cchc" 1 ev_cchc
  done
  memory "evidence-sql" bash -c "rm -f '$dir/ev-sql.db'*; sqlite3 '$dir/ev-sql.db' -Ac '$folder'"
  rm -f "$dir/ev.db"*; cp "$template" "$dir/ev.db"
  memory "evidence-cchc" "$cchc" --db "$dir/ev.db" evidence add $year-dot1 VP 1.1.5 "${files[@]}"
  # `cchc check` re-hashes every file; listing reads the link table only.
  measure "evidence-list" 1 "$cchc" --db "$dir/ev.db" evidence list $year-dot1
  measure "evidence-check" 1 "$cchc" --db "$dir/ev.db" check
}

# The example ward (the demo's database: both rounds, scores, findings), made once.
ward_db() {
  [ -f "$dir/ward/cchc.db" ] || "$cchc" demo --out "$dir/ward" >/dev/null 2>&1
  echo "$dir/ward/cchc.db"
}

# (f) A ward's year of evidence: 2,000 small files spread over the demo's units and the periodic items each is
# assigned (9 units), handed over as one folder (`evidence import`) into its reopened Đợt 2; then
# `evidence list` and `evidence check` of that round — target under 50 ms each, start-up included.
evidence_year_case() {
  local db="$dir/evidence-year.db" folder="$dir/evidence-year" pairs unit item i
  if [ ! -f "$db" ]; then
    rm -rf "$folder" "$db".tmp*
    cp "$(ward_db)" "$db.tmp"
    "$cchc" --db "$db.tmp" round reopen $year-dot2 --reason "đo hiệu năng" >/dev/null 2>&1
    mapfile -t pairs < <(sqlite3 -separator ' ' "$db.tmp" \
      "SELECT unit_code, criterion FROM assignments WHERE criterion LIKE '1.%' ORDER BY 1, 2")
    for ((i = 0; i < year_count; i++)); do
      read -r unit item <<<"${pairs[i % ${#pairs[@]}]}"
      mkdir -p "$folder/$unit"
      printf '%%PDF-1.4\n%% %s %s %d\n' "$unit" "$item" "$i" >"$folder/$unit/$item-$i.pdf"
    done
    "$cchc" --db "$db.tmp" evidence import $year-dot2 "$folder" >/dev/null
    sqlite3 "$db.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    mv "$db.tmp" "$db"
  fi
  for ((r = 0; r < runs; r++)); do
    measure "evidence-year-list" "$repeat" "$cchc" --db "$db" evidence list $year-dot2
    measure "evidence-year-check" "$repeat" "$cchc" --db "$db" evidence check $year-dot2
  done
  year_files=$(sqlite3 "$db" "SELECT count(*) || ' tệp, ' || count(DISTINCT unit_code) || ' đơn vị, ' ||
    count(DISTINCT criterion) || ' nội dung' FROM evidence WHERE round_id = '$year-dot2'")
}

if [ "$growth" = 1 ]; then
  mib() { awk -v n="$1" '$1 == n { print $2 / 1024 }' "$dir/memory"; }
  echo "| đơn vị | report year json | xlsx | sàn sqlite3 | bộ nhớ json | bộ nhớ xlsx | dòng tự kiểm tra | selfreport import | sàn .import | bộ nhớ import |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for n in 100 1000 3400 10000; do
    national=$(national "$n")
    : >"$dir/times"
    : >"$dir/memory"
    for ((r = 0; r < runs; r++)); do
      measure "sql" 1 floor_sql
      measure "json" 1 "$cchc" --db "$national" report year $year --format json -o "$dir/out/nam.json"
      measure "xlsx" 1 "$cchc" --db "$national" report year $year --format xlsx -o "$dir/out/nam.xlsx"
    done
    memory "json" "$cchc" --db "$national" report year $year --format json -o "$dir/out/nam.json"
    memory "xlsx" "$cchc" --db "$national" report year $year --format xlsx -o "$dir/out/nam.xlsx"
    bench --quiet --bench selfreport_import -- --units "$n" --runs "$runs" --dir "$dir/import-$n" \
      --tsv "$dir/import-$n.tsv" >"$dir/import-$n.md" 2>"$dir/import-$n.log" || { cat "$dir/import-$n.log" >&2; exit 1; }
    imp=$(awk '$1 == "cchc" { print $2 }' "$dir/import-$n.tsv" | stats | cut -d' ' -f1)
    base=$(awk '$1 == "sqlite3" { print $2 }' "$dir/import-$n.tsv" | stats | cut -d' ' -f1)
    kib=$(awk '$1 == "cchc" { print $3 }' "$dir/import-$n.tsv" | sort -g | tail -1)
    printf '| %s | %.3f s | %.3f s | %.3f s | %.1f MiB | %.1f MiB | %s | %.3f s | %.3f s | %.1f MiB |\n' "$n" \
      "$(median_of json)" "$(median_of xlsx)" "$(median_of sql)" "$(mib json)" "$(mib xlsx)" \
      "$(grep -o '[0-9]* dòng' "$dir/import-$n.md" | head -1)" "$imp" "$base" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
  done
  exit 0
fi

if [ "$only_evidence" = 1 ]; then
  evidence_case
  evidence_year_case
else
# (b) The national database.
national=$(national "$units")
for ((r = 0; r < runs; r++)); do
  measure "year-sql" 1 floor_sql
  measure "year-json" 1 "$cchc" --db "$national" report year $year --format json -o "$dir/out/nam.json"
  measure "year-xlsx" 1 "$cchc" --db "$national" report year $year --format xlsx -o "$dir/out/nam.xlsx"
done
memory "year-sql" sqlite3 -cmd ".parameter set ?1 $year" -cmd ".parameter set ?2 NULL" "$national" -init scripts/report-year-core.sql .quit
memory "year-json" "$cchc" --db "$national" report year $year --format json -o "$dir/out/nam.json"
memory "year-xlsx" "$cchc" --db "$national" report year $year --format xlsx -o "$dir/out/nam.xlsx"

# (c) Start-up on the example ward (the demo's database: both rounds, scores, findings).
wdb=$(ward_db)
for ((r = 0; r < runs; r++)); do
  measure "scores-sql" "$repeat" sqlite3 "$wdb" "SELECT count(*) FROM scores"
  measure "scores-cchc" "$repeat" "$cchc" --db "$wdb" score list $year-dot1
  measure "rounds-sql" "$repeat" sqlite3 "$wdb" "SELECT count(*) FROM rounds"
  measure "rounds-cchc" "$repeat" "$cchc" --db "$wdb" round list
done
memory "scores-sql" sqlite3 "$wdb" "SELECT count(*) FROM scores"
memory "scores-cchc" "$cchc" --db "$wdb" score list $year-dot1
memory "rounds-sql" sqlite3 "$wdb" "SELECT count(*) FROM rounds"
memory "rounds-cchc" "$cchc" --db "$wdb" round list

if [ "$quick" = 0 ]; then
# (a) The self-report import, through its own benchmark (the same generator, the shared baseline script).
bench --quiet --bench selfreport_import -- --units "$import_units" --runs "$runs" --dir "$dir/import" \
  --tsv "$dir/import.tsv" >"$dir/import.md" 2>"$dir/import.log" || { cat "$dir/import.log" >&2; exit 1; }
while read -r who secs kib; do
  name="import-$who"
  [ "$who" = sqlite3 ] && name="import-sql"
  echo "$name $secs" >>"$dir/times"
  echo "$name $kib" >>"$dir/memory"
done <"$dir/import.tsv"
rows=$(grep -o '[0-9]* dòng' "$dir/import.md" | head -1 || true)
evidence_case
evidence_year_case
fi
fi

# The table.
times() { awk -v n="$1" '$1 == n { print $2 }' "$dir/times" | stats; }
peak() { awk -v n="$1" '$1 == n { print $2 }' "$dir/memory" | sort -g | tail -1; }
fmt() { awk -v m="$1" -v lo="$2" -v hi="$3" 'BEGIN { if (m < 0.1) printf "%.2f ms (%.2f–%.2f)", m * 1000, lo * 1000, hi * 1000; else printf "%.3f s (%.3f–%.3f)", m, lo, hi }'; }
row() { # label ours floor max-ratio [max-seconds]: the target is the ratio, the seconds and 100 MiB of memory
  read -r om olo ohi < <(times "$2")
  read -r fm flo fhi < <(times "$3")
  local ratio mib target verdict
  ratio=$(awk -v a="$om" -v b="$fm" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
  mib=$(awk -v k="$(peak "$2")" 'BEGIN { printf "%.1f", k / 1024 }')
  target="≤ $4${5:+, < $5 s}"
  verdict=$(awk -v r="$ratio" -v m="$4" -v t="$om" -v s="${5:-0}" -v mem="$mib" \
    'BEGIN { print (r <= m && (s == 0 || t < s) && mem < 100) ? "đạt" : "**chưa đạt**" }')
  printf '| %s | %s | %s | **%s×** | %s | %s | %s MiB | %.1f MiB |\n' "$1" "$(fmt "$om" "$olo" "$ohi")" \
    "$(fmt "$fm" "$flo" "$fhi")" "$ratio" "$target" "$verdict" "$mib" \
    "$(awk -v k="$(peak "$3")" 'BEGIN { print k / 1024 }')"
}
echo
echo "Máy: $(nproc) nhân, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem/ { print $2 }') GiB; $(sqlite3 --version | cut -d' ' -f1) (sqlite3), tải $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Dữ liệu: $units đơn vị (báo cáo năm), ${rows:-?} tự kiểm tra ($import_units đơn vị), $runs lần đo mỗi phép; trung vị (nhanh nhất–chậm nhất)"
[ "$quick" = 1 ] && echo "(--quick: chỉ báo cáo năm và khởi động; nhập tự kiểm tra và minh chứng: chạy không có --quick)"
[ "$smoke" = 1 ] && echo "(--smoke: dữ liệu rất nhỏ, chỉ để kiểm tra kịch bản chạy được; các tỉ lệ không có ý nghĩa)"
echo
echo "| phép đo | cchc | sàn sqlite3 | tỉ lệ | mục tiêu | kết quả | bộ nhớ đỉnh cchc | bộ nhớ đỉnh sqlite3 |"
echo "|---|---|---|---|---|---|---|---|"
if [ "$quick" = 0 ]; then
  row "evidence add, thư mục $evidence_mb MB ($(ls "$dir/evidence-$evidence_mb" | wc -l) tệp) / sqlite3 -Ac" evidence-cchc evidence-sql 1.5
  ms() { awk -v n="$1" '$1 == n { print $2 }' "$dir/times" | stats | awk '{ printf "%.1f ms (%.1f–%.1f)", $1 * 1000, $2 * 1000, $3 * 1000 }'; }
  year_line="Một năm của phường ($year_files, Đợt 2): evidence list $(ms evidence-year-list), evidence check $(ms evidence-year-check); mục tiêu dưới 50 ms mỗi lệnh. Trên thư mục $evidence_mb MB: evidence list $(ms evidence-list), cchc check (băm lại mọi tệp) $(ms evidence-check)."
  [ "$only_evidence" = 1 ] && { echo; echo "$year_line"; exit 0; }
  row "selfreport import, ${rows:-?}" import-cchc import-sql 0.8
fi
row "report year --format json, $units đơn vị" year-json year-sql 2 1
row "report year --format xlsx, $units đơn vị" year-xlsx year-sql 2 1
row "score list (phường mẫu)" scores-cchc scores-sql 3
row "round list (phường mẫu)" rounds-cchc rounds-sql 3
echo
[ "$quick" = 0 ] && echo "$year_line"
echo "Bộ nhớ: mục tiêu dưới 100 MiB cho mọi lệnh. Số đo từng lần: $dir/times, $dir/memory."
