git clone -q gateway.bundle gateway && cd gateway && git log --oneline --decorate --all | head -20 && git tag

cd gateway && git show v1.3:gateway/settings.py

cd gateway && git log --format='%h %ad %s' --date=short v1.3..HEAD -- gateway/settings.py && git log -p --reverse v1.3..HEAD -- gateway/settings.py | grep -E '^commit|RATE_LIMIT|^    '

cd gateway && cat tickets/TCK-231.md && cat team.json

cd gateway && echo "$(python3 -c "import json; print(json.load(open('team.json'))['members']['pkim'])") $(git log --reverse --format=%h -G RATE_LIMIT v1.3..HEAD -- gateway/settings.py | head -1)"
