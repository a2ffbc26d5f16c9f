#!/bin/sh
# wenming：拉取最新的记录，检查并完整构建网站，成功后才替换 nginx 的网站文件夹。
# 放在服务器上（如 /srv/wenming/publish.sh），改好下面几个路径，由 cron 定时运行。
# 没有新的提交时什么也不做；加 --always 则无论如何都重新构建（每天一次，让“逾期”“还剩几天”随日期更新）。
set -eu

REPO=/srv/wenming/repo     # 记录所在 git 仓库的克隆（本项目，或单位自己的数据仓库）
DATA="$REPO/data"          # 其中的数据文件夹
SITE=/srv/wenming/site     # nginx 配置里的 root
export WENMING_CACHE=/srv/wenming/cache   # 处理过的照片放在这里，下次构建不用重新处理

cd "$REPO"
before=$(git rev-parse HEAD)
git pull --quiet --ff-only
if [ "$(git rev-parse HEAD)" = "$before" ] && [ "${1:-}" != "--always" ] && [ -d "$SITE" ]; then
    exit 0
fi

wenming check --data "$DATA" > /dev/null    # 有错误时停在这里，错误列表由 cron 发邮件给管理员
wenming build --data "$DATA" --quiet -d "$SITE.new"    # 完整构建，不要加 --dirty

rm -rf "$SITE.old"
if [ -d "$SITE" ]; then mv "$SITE" "$SITE.old"; fi
mv "$SITE.new" "$SITE"
