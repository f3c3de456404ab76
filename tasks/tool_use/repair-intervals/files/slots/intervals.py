def parse_time(text):
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def format_time(minutes):
    return f"{minutes // 60}:{minutes % 60}"


def merge(intervals):
    out = []
    for start, end in intervals:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def free_slots(busy, day_start, day_end, min_length=0):
    slots, cursor = [], day_start
    for start, end in merge(busy):
        if start > cursor:
            slots.append((cursor, start))
        cursor = max(cursor, end)
    return slots
