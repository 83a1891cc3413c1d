#!/bin/sh
# Starts Janus with the configuration files next to this script and the secrets from the
# environment. Janus reads secrets only from its files or its command line (which anyone on the
# host can read in the process list), so the files are written, secrets filled in, to a folder of
# this container's own (JANUS_CONF_DIR, else a new temporary one).
#   JANUS_API_SECRET, JANUS_TOKEN_SECRET, JANUS_ADMIN_KEY  shared with the SkyScope server
#   JANUS_PUBLIC_IP   the address clients send media to (the host's public IPv4)
#   JANUS_RTP_PORTS   the UDP port range for media (default 20000-20199)
#   JANUS_HTTP_PORT   the HTTP API's port (default 8088); JANUS_HTTP_IP binds it to one address
set -eu
for name in JANUS_API_SECRET JANUS_TOKEN_SECRET JANUS_ADMIN_KEY JANUS_PUBLIC_IP; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
        echo "start.sh: set $name in .env (the media server needs it)" >&2
        exit 64
    fi
done
for name in JANUS_API_SECRET JANUS_TOKEN_SECRET JANUS_ADMIN_KEY JANUS_PUBLIC_IP JANUS_RTP_PORTS JANUS_HTTP_PORT JANUS_HTTP_IP; do
    eval "value=\${$name:-}"
    case "$value" in
        *[!A-Za-z0-9._:+/=-]*)
            echo "start.sh: $name may hold only letters, digits and . _ : + / = - (openssl rand -hex 32 makes a good secret)" >&2
            exit 64 ;;
    esac
done
if [ -n "${JANUS_HTTP_IP:-}" ]; then
    http_ip="ip = \"$JANUS_HTTP_IP\""
else
    http_ip=""
fi
plugins=$(ls -d /usr/lib/*/janus/plugins 2>/dev/null | head -n 1)
if [ -z "$plugins" ]; then
    echo "start.sh: Janus's plugins are missing: install the Debian package janus" >&2
    exit 69
fi
lib=$(dirname "$plugins")
here=$(dirname "$0")
umask 077
conf=${JANUS_CONF_DIR:-$(mktemp -d)}
mkdir -p "$conf"
for file in "$here"/*.jcfg; do
    sed -e "s|@LIB@|$lib|g" -e "s|@CONF@|$conf|g" \
        -e "s|@JANUS_API_SECRET@|$JANUS_API_SECRET|g" \
        -e "s|@JANUS_TOKEN_SECRET@|$JANUS_TOKEN_SECRET|g" \
        -e "s|@JANUS_ADMIN_KEY@|$JANUS_ADMIN_KEY|g" \
        -e "s|@JANUS_PUBLIC_IP@|$JANUS_PUBLIC_IP|g" \
        -e "s|@JANUS_RTP_PORTS@|${JANUS_RTP_PORTS:-20000-20199}|g" \
        -e "s|@JANUS_HTTP_PORT@|${JANUS_HTTP_PORT:-8088}|g" \
        -e "s|@JANUS_HTTP_IP_LINE@|$http_ip|g" \
        "$file" > "$conf/$(basename "$file")"
done
exec janus -F "$conf" -C "$conf/janus.jcfg" -o
