"""The app's help on the room's network for the phone quiz (the README says the same)."""

from __future__ import annotations

NETWORK_HELP = """\
Mạng Wi-Fi cho bài kiểm tra trên điện thoại

• Dùng bộ phát Wi-Fi của trạm hoặc bất kỳ bộ phát nào — không cần Internet. Laptop nối vào \
bộ phát đó (Wi-Fi hoặc dây). "Mobile Hotspot" của Windows chỉ cho tối đa 8 thiết bị: không \
đủ cho một lớp.

• Windows Firewall hỏi ở lần đầu: đánh dấu "Private" (và "Public" nếu Windows coi mạng của \
phòng là Public) rồi bấm Allow. Dòng "tự kiểm tra" trong cửa sổ này cho biết điện thoại có vào \
được không. Nếu không: bấm "Cho phép điện thoại kết nối…" (Windows hỏi quyền quản trị), hoặc \
quản trị viên mở sẵn một lần bằng lệnh:
netsh advfirewall firewall add rule name="TapHuanCTV phone quiz" dir=in action=allow \
program="<đường dẫn tới trainer-app.exe>" profile=any remoteip=localsubnet protocol=tcp

• Điện thoại không mở được trang dù tự kiểm tra đạt:
  – điện thoại đang dùng dữ liệu di động vì Wi-Fi không có Internet: tắt 4G, hoặc chọn \
"Vẫn kết nối" khi điện thoại hỏi;
  – bộ phát cách ly các máy với nhau (client isolation): tắt chế độ đó hoặc dùng bộ phát khác.

• Người không quét được mã: gõ địa chỉ ghi dưới mã QR rồi nhập mã phòng 6 chữ số.
• Điện thoại tắt màn hình, chuyển sang Zalo rồi quay lại, mất sóng: mở lại trang là tiếp tục \
đúng câu đang làm; câu trả lời chưa gửi được sẽ tự gửi lại."""
