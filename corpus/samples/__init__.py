"""Sample documents written for camnang (TÀI LIỆU MẪU) and the script that builds them."""
