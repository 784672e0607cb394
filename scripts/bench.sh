#!/usr/bin/env bash
# The performance targets of issues 6 and 24 in one run: each cchc figure beside the floor SQLite itself sets for the
# same work on the same data (the sqlite3 shell), every measure run several times, median and spread
# (fastest–slowest), the ratio of the medians, and the peak memory of every command (/usr/bin/time). Each figure is
# printed on its own row against its target, with "đạt" or "chưa đạt" computed from the measure. See BENCHMARKS.md.
#
#   (a) selfreport import of the ~510,000-row CSV / sqlite3 .import of it (shared/bench baseline) — target ≤ 0.8
#   (b) report year as JSON and XLSX on the national database, against two floors on the same file in the same run:
#       the sqlite3 shell running every query the report runs (scripts/report-year-core.sql) — target ≤ 0.8 — and
#       `sqlite3 DB .dump` — target ≤ 0.5
#   (c) score list, round list on the example ward / sqlite3 'SELECT count(*) FROM …' — start-up, target ≤ 2
#   (d) peak memory of each — target under 100 MiB
#   (e) evidence add of a folder (default 1 GiB: one 96 MB file, the rest 4 MB files; incompressible, PDF-typed)
#       / sqlite3 -Ac of the same folder (SQLite's own archiver) — target ≤ 1.5, memory under 100 MiB
#   (f) evidence list and evidence check of a ward's year (2,000 files over the demo's units and items) — < 50 ms
#
# Usage: scripts/bench.sh [--quick] [--smoke] [--growth] [--sizes "N…"] [--runs N] [--units N] [--import-units N]
#                         [--dir DIR] [--evidence-mb N] [--only-evidence]
#   --quick           (b) and (c) only, 3 runs each, for every change to src/report/ or src/store/: under a minute
#                     once the data exist (the national database is generated on first use, not counted; the run
#                     prints how long the measuring took, with its verdict)
#   --smoke           tiny data, one run each, unoptimised build (the tests' own): checks that the script and the
#                     generators work, in seconds; CI runs it (.ci/run). Combines with --quick and --growth.
#   --growth          instead: the year report at N = 100, 1,000, 3,400, 10,000 and 30,000 units (3 runs each: JSON,
#                     XLSX, both floors; peak memory of every format), verdicts on memory and on linear growth; and
#                     the self-report import up to 10,000 units. Each national database (30,000 units: ~1.9 GB,
#                     ~60 s) is generated once into DIR and reused.
#   --sizes "N…"      the Ns of --growth (default "100 1000 3400 10000 30000"; with --smoke "20 40")
#   --runs N          runs of each measure (default 5; --quick, --growth 3; --smoke 1)
#   --units N         units of the generated national database the year report reads (default 3400)
#   --import-units N  units of the generated self-report CSV (default 7400: 510,600 rows)
#   --dir DIR         where the data go (default target/bench); generated once, reused while the parameters hold
#   --evidence-mb N   size of the evidence folder of (e) in MB (default 1024)
#   --only-evidence   run (e) and (f) alone
# Builds the optimised binary once (cargo bench --no-run) and installs sqlite3 and GNU time when missing. Prints the
# load average (/proc/loadavg) at the start and at the end: figures for BENCHMARKS.md come from a run under load 1.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$EPOCHREALTIME load_start=$(cut -d' ' -f1-3 /proc/loadavg)

smoke=0 quick=0 growth=0 only_evidence=0 runs='' units='' import_units='' dir='' evidence_mb='' sizes=''
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --quick) quick=1 ;;
    --growth) growth=1 ;;
    --sizes) sizes="$2"; shift ;;
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
# Defaults, whatever the order of the options: --smoke's tiny ones first, then --quick's and --growth's.
profile=release repeat=20 year_count=2000
if [ "$smoke" = 1 ]; then
  profile=dev repeat=3 year_count=40
  : "${runs:=1}" "${units:=20}" "${import_units:=30}" "${dir:=target/bench-smoke}" "${evidence_mb:=8}" "${sizes:=20 40}"
elif [ "$quick" = 1 ]; then
  repeat=10
fi
if [ "$quick" = 1 ] || [ "$growth" = 1 ]; then : "${runs:=3}"; fi
: "${runs:=5}" "${units:=3400}" "${import_units:=7400}" "${dir:=target/bench}" "${evidence_mb:=1024}"
: "${sizes:=100 1000 3400 10000 30000}"
[[ "$sizes" =~ ^[0-9]+( [0-9]+)*$ ]] ||
  { echo "--sizes \"$sizes\": cần các số đơn vị cách nhau bởi dấu cách, ví dụ --sizes \"100 1000\"" >&2; exit 2; }
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
built="$target/$([ "$profile" = dev ] && echo debug || echo release)"
# The programs measured are copies, as `cargo install` or a copy to another machine makes them: the file the linker
# has just written starts about 1 ms slower (of 5) until the system has read it again from disk (the same binary,
# measured both ways, is equal after `echo 1 > /proc/sys/vm/drop_caches`; see BENCHMARKS.md).
mkdir -p "$dir/out" "$dir/bin"
cchc="$dir/bin/cchc"
for program in cchc cchc-gen-scale; do cp "$built/$program" "$dir/bin/$program.tmp" && mv "$dir/bin/$program.tmp" "$dir/bin/$program"; done
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
  if ! /usr/bin/time -f "%M" -o "$dir/mem.one" "$@" >/dev/null 2>"$dir/mem.err"; then
    # A command that fails is a finding, not a figure: say which and why, and stop.
    echo "Lỗi: lệnh đo «$name» thất bại: $*" >&2
    tail -5 "$dir/mem.err" >&2
    exit 1
  fi
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
# The floor's peak memory (/usr/bin/time runs a program, not a function: the same queries through -init).
floor_memory() {
  memory "$1" sqlite3 -cmd ".parameter set ?1 $year" -cmd ".parameter set ?2 NULL" "$national" -init scripts/report-year-core.sql .quit
}
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

# Figures, targets and verdicts: every verdict is computed here from the measures, never written by hand.
times() { awk -v n="$1" '$1 == n { print $2 }' "$dir/times" | stats; }
peak_mib() { awk -v n="$1" '$1 == n { print $2 }' "$dir/memory" | sort -g | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'; }
fmt() { awk -v m="$1" -v lo="$2" -v hi="$3" 'BEGIN { if (m < 0.1) printf "%.2f ms (%.2f–%.2f)", m * 1000, lo * 1000, hi * 1000; else printf "%.3f s (%.3f–%.3f)", m, lo, hi }'; }
ratio_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
# verdict VALUE OP LIMIT (OP: "<" or "<="): "đạt" when it holds, else "**chưa đạt**".
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<") ? (v < t) : (v <= t); print ok ? "đạt" : "**chưa đạt**" }'; }
# 30000 → 30.000 (Vietnamese thousands separator).
thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|\.)/\1.\2\3/; ta' <<<"$1"; }
thead() { echo "$1"; sed -E 's/[^|]+/---/g' <<<"$1"; } # a Markdown table's head: its titles and the rule below
ratio_row() { # label ours floor floor-label max-ratio
  local om olo ohi fm flo fhi ratio
  read -r om olo ohi < <(times "$2")
  read -r fm flo fhi < <(times "$3")
  ratio=$(ratio_of "$om" "$fm")
  printf '| %s | thời gian / %s | %s | %s | **%s×** | ≤ %s | %s |\n' "$1" "$4" "$(fmt "$om" "$olo" "$ohi")" \
    "$(fmt "$fm" "$flo" "$fhi")" "$ratio" "$5" "$(verdict "$ratio" "<=" "$5")"
}
mem_row() { # label ours [floor floor-label]…: peak memory, target under 100 MiB
  local label="$1" mib floors=""
  mib=$(peak_mib "$2") && shift 2
  while [ $# -gt 0 ]; do floors+="${floors:+; }$(peak_mib "$1") MiB ($2)"; shift 2; done
  printf '| %s | bộ nhớ đỉnh | %s MiB | %s | — | < 100 MiB | %s |\n' "$label" "$mib" "$floors" "$(verdict "$mib" "<" 100)"
}
time_row() { # label name max-ms: a time with an absolute target
  local m lo hi
  read -r m lo hi < <(times "$2")
  printf '| %s | thời gian | %s | — | — | < %s ms | %s |\n' "$1" "$(fmt "$m" "$lo" "$hi")" "$3" \
    "$(verdict "$(awk -v s="$m" 'BEGIN { print s * 1000 }')" "<" "$3")"
}
machine() {
  echo "Máy: $(nproc) nhân, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem/ { print $2 }') GiB; $(sqlite3 --version | cut -d' ' -f1) (sqlite3)"
}
since() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", e - s }'; }
footer() {
  echo "Tải (1, 5, 15 phút): lúc bắt đầu $load_start; lúc kết thúc $(cut -d' ' -f1-3 /proc/loadavg). Cả lần chạy: $(since "$started") s (kể cả biên dịch và sinh dữ liệu)."
}

if [ "$growth" = 1 ]; then
  formats=(json xlsx md html docx csv)
  declare -A by_floor by_dump
  time_rows='' mem_rows='' import_rows='' check_rows=''
  for n in $sizes; do
    echo "--growth: $(thousands "$n") đơn vị…" >&2
    national=$(national "$n")
    report=("$cchc" --db "$national" report year $year)
    : >"$dir/times"
    : >"$dir/memory"
    for ((r = 0; r < runs; r++)); do
      measure sql 1 floor_sql
      measure dump 1 sqlite3 "$national" .dump
      measure json 1 "${report[@]}" --format json -o "$dir/out/nam.json"
      measure xlsx 1 "${report[@]}" --format xlsx -o "$dir/out/nam.xlsx"
    done
    floor_memory sql
    memory dump sqlite3 "$national" .dump
    for f in "${formats[@]}"; do memory "$f" "${report[@]}" --format "$f" -o "$dir/out/nam.$f"; done
    for f in json xlsx; do
      by_floor[$f-$n]=$(ratio_of "$(median_of $f)" "$(median_of sql)")
      by_dump[$f-$n]=$(ratio_of "$(median_of $f)" "$(median_of dump)")
    done
    time_rows+=$(printf '| %s | %.3f s | %.3f s | %.3f s | %.3f s | %s× | %s× | %s× | %s× |' "$(thousands "$n")" \
      "$(median_of json)" "$(median_of xlsx)" "$(median_of sql)" "$(median_of dump)" \
      "${by_floor[json-$n]}" "${by_floor[xlsx-$n]}" "${by_dump[json-$n]}" "${by_dump[xlsx-$n]}")$'\n'
    cells='' worst=0
    for f in "${formats[@]}"; do
      cells+=" $(peak_mib "$f") MiB |"
      worst=$(awk -v a="$worst" -v b="$(peak_mib "$f")" 'BEGIN { print (b > a) ? b : a }')
    done
    mem_rows+="| $(thousands "$n") |$cells $(peak_mib sql) MiB | $(peak_mib dump) MiB | $(verdict "$worst" "<" 100) |"$'\n'
    # The self-report import grows linearly and far below its targets: measured up to 10,000 units only.
    if [ "$n" -le 10000 ]; then
      bench --quiet --bench selfreport_import -- --units "$n" --runs "$runs" --dir "$dir/import-$n" \
        --tsv "$dir/import-$n.tsv" >"$dir/import-$n.md" 2>"$dir/import-$n.log" || { cat "$dir/import-$n.log" >&2; exit 1; }
      imp=$(awk '$1 == "cchc" { print $2 }' "$dir/import-$n.tsv" | stats | cut -d' ' -f1)
      base=$(awk '$1 == "sqlite3" { print $2 }' "$dir/import-$n.tsv" | stats | cut -d' ' -f1)
      kib=$(awk '$1 == "cchc" { print $3 }' "$dir/import-$n.tsv" | sort -g | tail -1)
      import_rows+=$(printf '| %s | %s | %.3f s | %.3f s | %.1f MiB |' "$(thousands "$n")" \
        "$(grep -o '[0-9]* dòng' "$dir/import-$n.md" | head -1)" "$imp" "$base" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')")$'\n'
    fi
  done
  # The issue's targets: both ratios at 3,400 and 10,000 units; linear growth from 3,400 to the largest N (from the
  # smallest N when 3,400 is not measured, e.g. --smoke).
  for n in 3400 10000; do
    [[ " $sizes " == *" $n "* ]] || continue
    for f in json xlsx; do
      check_rows+="| $f / sàn truy vấn ≤ 0.8, $(thousands "$n") đơn vị | ${by_floor[$f-$n]}× | $(verdict "${by_floor[$f-$n]}" "<=" 0.8) |"$'\n'
      check_rows+="| $f / sqlite3 .dump ≤ 0.5, $(thousands "$n") đơn vị | ${by_dump[$f-$n]}× | $(verdict "${by_dump[$f-$n]}" "<=" 0.5) |"$'\n'
    done
  done
  top=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
  low=$(tr ' ' '\n' <<<"$sizes" | sort -n | head -1)
  [[ " $sizes " == *" 3400 "* ]] && [ "$top" -gt 3400 ] && low=3400
  if [ "$top" -gt "$low" ]; then
    for f in json xlsx; do
      a=${by_floor[$f-$low]} b=${by_floor[$f-$top]}
      change=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%+.1f", (a > 0) ? (b / a - 1) * 100 : 0 }')
      check_rows+="| tỉ lệ ($f / sàn truy vấn) ở $(thousands "$top") đơn vị trong vòng 10 % của tỉ lệ ở $(thousands "$low") | ${a}× → ${b}× (${change} %) | $(verdict "${change#[+-]}" "<=" 10) |"$'\n'
    done
  fi
  machine
  echo "--growth: báo cáo năm trên cơ sở dữ liệu toàn quốc của N đơn vị, $runs lần đo mỗi phép, trung vị; sàn truy vấn: sqlite3 < scripts/report-year-core.sql"
  [ "$smoke" = 0 ] || echo "(--smoke: dữ liệu rất nhỏ, chỉ để kiểm tra kịch bản chạy được; các tỉ lệ không có ý nghĩa)"
  echo
  thead "| đơn vị | report year json | xlsx | sàn truy vấn | sqlite3 .dump | json / sàn truy vấn | xlsx / sàn truy vấn | json / .dump | xlsx / .dump |"
  printf '%s\nBộ nhớ đỉnh của report year ở mọi định dạng (một lần chạy mỗi định dạng), mục tiêu dưới 100 MiB:\n\n' "$time_rows"
  thead "| đơn vị | json | xlsx | md | html | docx | csv | sàn truy vấn | sqlite3 .dump | kết quả (mọi định dạng) |"
  printf '%s\nNhập tự kiểm tra (selfreport import), chỉ đến 10.000 đơn vị để --growth không quá lâu:\n\n' "$mem_rows"
  thead "| đơn vị | dòng tự kiểm tra | selfreport import | sàn sqlite3 .import | bộ nhớ import |"
  printf '%s\n' "$import_rows"
  [ -z "$check_rows" ] || { thead "| mục tiêu | số đo | kết quả |"; printf '%s\n' "$check_rows"; }
  footer
  exit 0
fi

if [ "$only_evidence" = 1 ]; then
  evidence_case
  evidence_year_case
else
  national=$(national "$units")
  report=("$cchc" --db "$national" report year $year)
  wdb=$(ward_db)
  measuring=$EPOCHREALTIME
  # (b) The national database, against both floors.
  for ((r = 0; r < runs; r++)); do
    measure "year-sql" 1 floor_sql
    measure "year-dump" 1 sqlite3 "$national" .dump
    measure "year-json" 1 "${report[@]}" --format json -o "$dir/out/nam.json"
    measure "year-xlsx" 1 "${report[@]}" --format xlsx -o "$dir/out/nam.xlsx"
  done
  floor_memory "year-sql"
  memory "year-dump" sqlite3 "$national" .dump
  memory "year-json" "${report[@]}" --format json -o "$dir/out/nam.json"
  memory "year-xlsx" "${report[@]}" --format xlsx -o "$dir/out/nam.xlsx"

  # (c) Start-up on the example ward (the demo's database: both rounds, scores, findings).
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
  measured=$(since "$measuring")

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

# The table: one row per figure.
echo
machine
if [ "$only_evidence" = 0 ]; then
  echo "Dữ liệu: $(thousands "$units") đơn vị (báo cáo năm)$([ "$quick" = 1 ] || echo ", ${rows:-?} tự kiểm tra ($(thousands "$import_units") đơn vị)"), $runs lần đo mỗi phép; trung vị (nhanh nhất–chậm nhất)"
fi
[ "$quick" = 0 ] || echo "(--quick: chỉ báo cáo năm và khởi động; nhập tự kiểm tra và minh chứng: chạy không có --quick)"
[ "$smoke" = 0 ] || echo "(--smoke: dữ liệu rất nhỏ, chỉ để kiểm tra kịch bản chạy được; các tỉ lệ không có ý nghĩa)"
echo
thead "| phép đo | chỉ số | cchc | sàn | tỉ lệ | mục tiêu | kết quả |"
if [ "$quick" = 0 ]; then
  add="evidence add, thư mục $evidence_mb MB ($(find "$dir/evidence-$evidence_mb" -name '*.pdf' | wc -l) tệp)"
  ratio_row "$add" evidence-cchc evidence-sql "sqlite3 -Ac" 1.5
  mem_row "$add" evidence-cchc evidence-sql "sqlite3 -Ac"
  time_row "evidence list, một năm của phường ($year_files, Đợt 2)" evidence-year-list 50
  time_row "evidence check, một năm của phường (Đợt 2)" evidence-year-check 50
  ms() { awk -v n="$1" '$1 == n { print $2 }' "$dir/times" | stats | awk '{ printf "%.1f ms (%.1f–%.1f)", $1 * 1000, $2 * 1000, $3 * 1000 }'; }
  folder_line="Trên thư mục $evidence_mb MB (không có mục tiêu): evidence list $(ms evidence-list), cchc check (băm lại mọi tệp) $(ms evidence-check)."
fi
if [ "$only_evidence" = 0 ]; then
  if [ "$quick" = 0 ]; then
    ratio_row "selfreport import, ${rows:-?}" import-cchc import-sql "sqlite3 .import" 0.8
    mem_row "selfreport import, ${rows:-?}" import-cchc import-sql "sqlite3 .import"
  fi
  for f in json xlsx; do
    label="report year --format $f, $(thousands "$units") đơn vị"
    ratio_row "$label" "year-$f" year-sql "sàn truy vấn (sqlite3 < scripts/report-year-core.sql)" 0.8
    ratio_row "$label" "year-$f" year-dump "sqlite3 .dump" 0.5
    mem_row "$label" "year-$f" year-sql "sàn truy vấn" year-dump "sqlite3 .dump"
  done
  ratio_row "score list (phường mẫu)" scores-cchc scores-sql "sqlite3 'SELECT count(*) FROM scores'" 2
  mem_row "score list (phường mẫu)" scores-cchc scores-sql "sqlite3"
  ratio_row "round list (phường mẫu)" rounds-cchc rounds-sql "sqlite3 'SELECT count(*) FROM rounds'" 2
  mem_row "round list (phường mẫu)" rounds-cchc rounds-sql "sqlite3"
fi
echo
[ "$quick" = 0 ] && echo "$folder_line"
echo "Số đo từng lần: $dir/times, $dir/memory."
footer
[ "$quick" = 0 ] || [ -z "${measured:-}" ] || echo "--quick: phần đo (báo cáo năm và khởi động, dữ liệu đã có) $measured s, mục tiêu dưới 60 s: $(verdict "$measured" "<" 60)."
