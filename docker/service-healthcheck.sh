#!/bin/bash
# Healthy when GET /health/ready answers 200. Bash's /dev/tcp: no curl in the image, and not sh, which is
# dash in Debian and Ubuntu images and has no /dev/tcp.
port=${PAYGUARD_HTTP_PORT:-8000}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
[[ $status == *" 200 "* ]]
