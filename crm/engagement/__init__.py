"""Guest engagement: loyalty, segments, follow-ups and satisfaction surveys (SPEC §6).

Each sub-domain module holds its writes and reads; `hooks` is where higher apps (complaints)
plug in without crm importing them."""
