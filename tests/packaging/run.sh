#!/usr/bin/env bash
# The packages as an administrator meets them: build both .debs, lintian, install them with apt-get, run the
# installed hub (its packaged options, as its unit would) behind the packaged nginx site with TLS (a
# throwaway CA), the installed kiosk's `sync --once` over HTTPS (and its refusal of a certificate it cannot
# verify), its screenshot mode and a backup; a district's hub (the community migrated to Debian's
# PostgreSQL, two processes as community-hub@PORT.service runs them behind the site, one SIGKILLed); then
# purge both and check nothing is left. Runs as root.
# Usage: tests/packaging/run.sh [DEB_DIR]   (DEB_DIR holding built packages skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/ck-packaging-test.XXXXXX)
chmod 0755 "$work"
pids=()
installed_tls=0
started_pg=0
made_pg_cluster=0

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$installed_tls" = 1 ]; then rm -f /etc/ssl/certs/community-hub.pem /etc/ssl/private/community-hub.key; fi
  if [ "$started_pg" = 1 ]; then
    runuser -u postgres -- dropdb --if-exists community_hub >/dev/null 2>&1 || true
    runuser -u postgres -- dropuser --if-exists community-hub >/dev/null 2>&1 || true
    pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
    if [ "$made_pg_cluster" = 1 ]; then pg_dropcluster 15 main >/dev/null 2>&1 || true; fi
  fi
  if [ $rc -ne 0 ]; then
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
    # Leave the machine as we found it even after a failure.
    dpkg -s community-kiosk >/dev/null 2>&1 && apt-get purge -y community-kiosk >/dev/null 2>&1 || true
    dpkg -s community-hub >/dev/null 2>&1 && apt-get purge -y community-hub >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

# A loopback port nobody listens on (ephemeral range; no python on a bare Debian).
free_port() {
  local p
  while :; do
    p=$(( (RANDOM * 32768 + RANDOM) % 20000 + 40000 ))
    (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || { echo "$p"; return; }
  done
}
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# ---- build -------------------------------------------------------------------------------------------
debs=${1:-}
if [ -z "$debs" ]; then
  debs="$work/debs"
  step "build the packages (packaging/build-debs.sh)"
  start=$(date +%s)
  "$root/packaging/build-debs.sh" "$debs" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "package build"; }
  echo "package build took $(( $(date +%s) - start )) s"
fi
kiosk_deb=$(ls "$debs"/community-kiosk_*_amd64.deb)
hub_deb=$(ls "$debs"/community-hub_*_amd64.deb)
ls -l "$kiosk_deb" "$hub_deb"

# ---- static checks -----------------------------------------------------------------------------------
step "lintian (errors fail; warnings are overridden with a reason in packaging/debian/*.lintian-overrides)"
lintian --fail-on error,warning --info "$kiosk_deb" "$hub_deb" | tee "$work/lintian.log"
echo "lintian: $(grep -c '^E:' "$work/lintian.log" || true) errors, $(grep -c '^W:' "$work/lintian.log" || true) warnings"

step "no build or source path inside the packages"
for deb in "$kiosk_deb" "$hub_deb"; do
  x="$work/x-$(basename "$deb" .deb)"
  dpkg-deb -x "$deb" "$x"
  if grep -rlaE "/tmp/community-kiosk-deb|$root|obj-x86_64-linux-gnu" "$x"; then fail "$deb holds a build path"; fi
done

step "the package's metadata"
dpkg-deb -f "$kiosk_deb" Depends | grep -q 'fonts-noto-cjk' || fail "kiosk does not depend on fonts-noto-cjk"
dpkg-deb -f "$kiosk_deb" Depends | grep -q 'rime-data-pinyin-simp' || fail "kiosk does not depend on the rime data"
dpkg-deb -f "$hub_deb" Recommends | grep -q 'nginx' || fail "hub does not recommend nginx"

# ---- install -----------------------------------------------------------------------------------------
step "apt-get install ./community-hub_….deb ./community-kiosk_….deb"
export DEBIAN_FRONTEND=noninteractive
cp "$kiosk_deb" "$hub_deb" "$work/"  # apt's _apt user must read them
chmod 0644 "$work"/*.deb
# Without Recommends (cage, xwayland, nginx come from packaging/build-deps.txt): the test leaves the
# machine with the packages it found.
apt-get install -y --no-install-recommends "$work/$(basename "$hub_deb")" "$work/$(basename "$kiosk_deb")" >"$work/install.log" 2>&1 ||
  fail "apt-get install"

id community-kiosk >/dev/null || fail "no community-kiosk user"
id community-hub >/dev/null || fail "no community-hub user"
[ "$(stat -c '%U %a' /var/lib/community-kiosk)" = "community-kiosk 750" ] || fail "/var/lib/community-kiosk"
[ "$(stat -c '%U %a' /var/lib/community-hub)" = "community-hub 750" ] || fail "/var/lib/community-hub"
[ "$(stat -c '%U:%G %a' /etc/community-kiosk/kiosk.toml)" = "root:community-kiosk 640" ] ||
  fail "/etc/community-kiosk/kiosk.toml is $(stat -c '%U:%G %a' /etc/community-kiosk/kiosk.toml)"
grep -q '^data_dir = "/var/lib/community-kiosk"' /etc/community-kiosk/kiosk.toml || fail "packaged data_dir"
[ -f /usr/share/community-kiosk/rime/build/pinyin_simp.schema.yaml ] || fail "the pinyin schema is not deployed"

step "systemd-analyze verify (the installed units)"
# systemd is not PID 1 in CI: check the units, then run the binaries as the units would.
systemd-analyze verify --man=no /lib/systemd/system/community-kiosk.service /lib/systemd/system/community-hub.service \
  /lib/systemd/system/community-hub@.service /lib/systemd/system/community-hub-backup.service \
  /lib/systemd/system/community-hub-backup.timer 2>&1 |
  tee "$work/verify.log"
[ ! -s "$work/verify.log" ] || fail "systemd-analyze verify reported the above"

# ---- TLS: a throwaway CA and the hub's certificate ----------------------------------------------------
step "a throwaway CA, the hub's certificate, and a second CA the kiosk must not trust"
[ ! -e /etc/ssl/certs/community-hub.pem ] || fail "/etc/ssl/certs/community-hub.pem exists already; not overwriting"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Test street office CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Some other CA" \
  -keyout "$work/other-ca.key" -out "$work/other-ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$work/hub.key" -out "$work/hub.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/hub.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/san.ext" -out "$work/hub.pem" 2>/dev/null
installed_tls=1
[ -d /etc/ssl/private ] || install -d -m 0700 /etc/ssl/private  # Debian's openssl package normally makes it
install -m 0644 "$work/hub.pem" /etc/ssl/certs/community-hub.pem
install -m 0600 "$work/hub.key" /etc/ssl/private/community-hub.key
chmod 0644 "$work/ca.pem" "$work/other-ca.pem"

# ---- the hub as its unit runs it ---------------------------------------------------------------------
step "the installed hub with its packaged options (/etc/default/community-hub), as user community-hub"
hub_port=$(free_port)
# shellcheck disable=SC1091
. /etc/default/community-hub
case "$HUB_SERVE_OPTIONS" in *"--listen 127.0.0.1:8080"*) ;; *) fail "packaged options do not listen on loopback";; esac
opts=${HUB_SERVE_OPTIONS/127.0.0.1:8080/127.0.0.1:$hub_port}
as_hub() { setpriv --reuid=community-hub --regid=community-hub --init-groups -- "$@"; }
add=$(as_hub /usr/bin/community-hub kiosk add --db /var/lib/community-hub/hub.db --name "测试大堂")
device_id=$(sed -n 's/^device_id: //p' <<<"$add")
token=$(sed -n 's/^token: //p' <<<"$add")
[ -n "$device_id" ] && [ -n "$token" ] || fail "kiosk add printed: $add"
[ "$(stat -c '%U %a' /var/lib/community-hub/hub.db)" = "community-hub 600" ] || fail "hub.db is not community-hub's, mode 600 (postinst runs community-hub init)"
as_hub /usr/bin/community-hub notice publish --db /var/lib/community-hub/hub.db --publisher property_company \
  --category water_power --priority urgent --title "3号楼周六停水" --body "周六 9:00-12:00 停水。" >/dev/null
# shellcheck disable=SC2086
(umask 0077; exec setpriv --reuid=community-hub --regid=community-hub --init-groups -- \
  /usr/bin/community-hub serve --db /var/lib/community-hub/hub.db $opts) >"$work/hub.log" 2>&1 &
pids+=($!)
wait_port "$hub_port" || fail "the hub did not start"

# ---- nginx: the packaged site beside Debian's stock default site ---------------------------------------
step "the packaged nginx site (TLS) beside Debian's default site (listen 80 default_server)"
http_port=$(free_port)
https_port=$(free_port)
mkdir -p "$work/nginx"
# Only addresses change: the site's ports to free loopback ones, its upstream to the hub's port; the stock
# default site keeps its `default_server`, moved to the same HTTP port.
sed -e "s/listen 80 /listen 127.0.0.1:$http_port /" -e "s/listen 443 ssl;/listen 127.0.0.1:$https_port ssl;/" \
  -e '/listen \[::\]/d' -e "s/server 127.0.0.1:8080 /server 127.0.0.1:$hub_port /" \
  /etc/nginx/sites-available/community-hub.conf >"$work/nginx/community-hub.conf"
sed -e "s/listen 80 default_server;/listen 127.0.0.1:$http_port default_server;/" -e '/listen \[::\]/d' \
  /etc/nginx/sites-available/default >"$work/nginx/default"
grep -q "127.0.0.1:$http_port default_server" "$work/nginx/default" || fail "the stock default site changed shape"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/nginx/default;
  include $work/nginx/community-hub.conf;
}
EOF
nginx -t -c "$work/nginx/nginx.conf" >"$work/nginx-t.log" 2>&1 || { cat "$work/nginx-t.log"; fail "nginx -t"; }
if grep -q "conflicting server name" "$work/nginx-t.log"; then cat "$work/nginx-t.log"; fail "the site is ignored"; fi
nginx -c "$work/nginx/nginx.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)
wait_port "$https_port" || fail "nginx did not start"

step "through nginx: HTTP and HTTPS reach the hub, not nginx's default page; a 413 is the hub's JSON"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
  "http://localhost:$http_port/api/v1/feed")
[ "$status" = 200 ] || fail "HTTP via nginx beside the default site: $status (404: the default site answered)"
status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" -H "Authorization: Bearer $token" \
  "https://localhost:$https_port/api/v1/feed")
[ "$status" = 200 ] || fail "HTTPS via nginx: $status"
body=$(curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary @<(head -c 70000 /dev/zero | tr '\0' x) -w '\n%{http_code} %{content_type}' \
  "https://localhost:$https_port/api/v1/heartbeat")
case "$body" in *'[{"code":413,"description":"request body too large"}]'*'413 application/json'*) ;;
  *) fail "413 through nginx: $body";; esac

# ---- the kiosk -----------------------------------------------------------------------------------------
step "the installed kiosk: sync --once over HTTPS with the CA in ca_file (as user community-kiosk)"
kiosk_data="$work/kiosk-data"
install -d -o community-kiosk -g community-kiosk -m 0750 "$kiosk_data"
sed -e "s|^data_dir = .*|data_dir = \"$kiosk_data\"|" /etc/community-kiosk/kiosk.toml >"$work/kiosk.toml"
cat >>"$work/kiosk.toml" <<EOF
hub_url = "https://localhost:$https_port"
device_id = "$device_id"
token = "$token"
ca_file = "$work/ca.pem"
EOF
chown root:community-kiosk "$work/kiosk.toml"
chmod 0640 "$work/kiosk.toml"
as_kiosk() { HOME=/var/lib/community-kiosk setpriv --reuid=community-kiosk --regid=community-kiosk --init-groups -- "$@"; }
as_kiosk /usr/bin/community-kiosk sync --once --config "$work/kiosk.toml" >"$work/sync.log" 2>&1 ||
  { cat "$work/sync.log"; fail "sync --once over HTTPS"; }
cat "$work/sync.log"
grep -q "upserts" "$work/sync.log" || fail "sync --once fetched no notices"
[ "$(stat -c %a "$kiosk_data/kiosk.db")" = 600 ] || fail "kiosk.db is $(stat -c %a "$kiosk_data/kiosk.db"), not 600"

step "the kiosk refuses a certificate it cannot verify (another CA; the system CAs), saying why"
cas=("$work/other-ca.pem")
[ -f /etc/ssl/certs/ca-certificates.crt ] && cas+=(/etc/ssl/certs/ca-certificates.crt)
for ca in "${cas[@]}"; do
  set +e
  as_kiosk /usr/bin/community-kiosk sync --once --config "$work/kiosk.toml" --ca-file "$ca" >"$work/refused.log" 2>&1
  rc=$?
  set -e
  cat "$work/refused.log"
  [ $rc -ne 0 ] || fail "sync --once accepted a certificate it cannot verify with $ca"
  grep -q "refusing the hub: its TLS certificate cannot be verified" "$work/refused.log" ||
    fail "no clear reason for the refusal"
done

step "the installed kiosk's screenshot mode"
display=""
for n in 97 96 95 98 99; do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || fail "no free X display in :95-:99"
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
shots="$work/screenshots"
install -d -o community-kiosk -g community-kiosk "$shots"
DISPLAY=$display as_kiosk /usr/bin/community-kiosk --config "$work/kiosk.toml" --screenshot "$shots" \
  >"$work/screenshot.log" 2>&1 || { cat "$work/screenshot.log"; fail "screenshot mode"; }
count=$(find "$shots" -name '*.png' -size +20k | wc -l)
[ "$count" -ge 5 ] || fail "screenshot mode wrote $count screens"
echo "screenshot mode: $count screens"
if [ -n "${CK_KEEP_SCREENSHOTS:-}" ]; then mkdir -p "$CK_KEEP_SCREENSHOTS" && cp "$shots"/*.png "$CK_KEEP_SCREENSHOTS"/; fi

step "an online backup as community-hub-backup.service runs it, then the hub stops cleanly"
# shellcheck disable=SC1091
. /etc/default/community-hub
as_hub /usr/bin/community-hub backup --db /var/lib/community-hub/hub.db --dir /var/lib/community-hub/backups \
  --keep-days "$HUB_BACKUP_KEEP_DAYS" | tee "$work/backup.log"
ls /var/lib/community-hub/backups/hub-*.db >/dev/null || fail "no backup file"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()

# ---- a district's hub ----------------------------------------------------------------------------------
step "a district's hub: the community moves to Debian's PostgreSQL, two processes as community-hub@PORT runs them"
# postgresql-15 makes its cluster 15/main when it is installed (unless createcluster.conf says otherwise:
# then make it here, and drop it again at the end); with no systemd here, start it by hand.
if ! pg_lsclusters -h | grep -q '^15 main '; then
  pg_createcluster 15 main >"$work/createcluster.log" 2>&1 || fail "pg_createcluster 15 main"
  made_pg_cluster=1
fi
pg_ctlcluster 15 main start || fail "the PostgreSQL cluster 15/main did not start"
started_pg=1
runuser -u postgres -- createuser community-hub
runuser -u postgres -- createdb -O community-hub community_hub
# shellcheck disable=SC1091
. /etc/default/community-hub
[ -n "$HUB_DISTRICT_DB" ] || fail "/etc/default/community-hub names no HUB_DISTRICT_DB"
as_hub /usr/bin/community-hub migrate --from /var/lib/community-hub/hub.db --to "$HUB_DISTRICT_DB" |
  tee "$work/migrate.log"
if as_hub /usr/bin/community-hub migrate --from /var/lib/community-hub/hub.db --to "$HUB_DISTRICT_DB" \
  >"$work/migrate-again.log" 2>&1; then fail "a second migrate overwrote the hub it had made"; fi
grep -q "already holds a hub" "$work/migrate-again.log" || fail "a second migrate: $(cat "$work/migrate-again.log")"
district_ports=("$(free_port)" "$(free_port)")
district_pids=()
for port in "${district_ports[@]}"; do
  # As community-hub@PORT.service runs it: the shared database, that port, the district's options.
  # shellcheck disable=SC2086
  (umask 0077; exec setpriv --reuid=community-hub --regid=community-hub --init-groups -- \
    /usr/bin/community-hub serve --db "$HUB_DISTRICT_DB" --listen "127.0.0.1:$port" $HUB_DISTRICT_OPTIONS) \
    >"$work/hub-$port.log" 2>&1 &
  pids+=($!)
  district_pids+=($!)
  wait_port "$port" || fail "the district hub process on $port did not start"
done
# The site's upstream with one `server` line per process, as README says.
sed -i -e "s/server 127.0.0.1:$hub_port \(.*\)$/server 127.0.0.1:${district_ports[0]} \1\n    server 127.0.0.1:${district_ports[1]} \1/" \
  "$work/nginx/community-hub.conf"
[ "$(grep -c 'server 127.0.0.1:.* max_fails' "$work/nginx/community-hub.conf")" = 2 ] || fail "the upstream has not two servers"
nginx -c "$work/nginx/nginx.conf" >"$work/nginx.log" 2>&1 &
pids+=($!)
wait_port "$https_port" || fail "nginx did not start again"
feed=$(curl -s --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "https://localhost:$https_port/api/v1/feed")
case "$feed" in *"3号楼周六停水"*) ;; *) fail "the migrated kiosk's feed through nginx: $feed";; esac

step "a district's hub: one process SIGKILLed, every poll through nginx still answered"
kill -9 "${district_pids[0]}"
for i in $(seq 20); do
  status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" -H "Authorization: Bearer $token" \
    "https://localhost:$https_port/api/v1/feed")
  [ "$status" = 200 ] || fail "poll $i with one of two hub processes killed: $status"
done
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()

# ---- purge ---------------------------------------------------------------------------------------------
step "apt-get purge both: nothing left behind"
apt-get purge -y community-kiosk community-hub >"$work/purge.log" 2>&1 || fail "apt-get purge"
for path in /var/lib/community-kiosk /var/lib/community-hub /etc/community-kiosk /etc/default/community-hub \
  /etc/nginx/sites-available/community-hub.conf /usr/bin/community-kiosk /usr/bin/community-hub \
  /usr/share/community-kiosk /lib/systemd/system/community-kiosk.service /lib/systemd/system/community-hub.service \
  /lib/systemd/system/community-hub@.service /etc/systemd/system/multi-user.target.wants/community-hub.service \
  /etc/systemd/system/graphical.target.wants/community-kiosk.service; do
  [ ! -e "$path" ] || fail "$path is left after purge"
done
if dpkg -l 'community-*' 2>/dev/null | grep -q '^[ir]'; then fail "a package is still known to dpkg"; fi
echo "packaging test: OK"
