-- Sample production-like data for the anonymized-copy scenario. Portable SQL (H2, PostgreSQL).
-- All names, addresses and numbers are invented.
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  full_name VARCHAR(100) NOT NULL,
  email VARCHAR(200) NOT NULL UNIQUE,
  phone VARCHAR(30),
  country CHAR(2) NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_email VARCHAR(200) NOT NULL REFERENCES customers (email),
  amount_cents INTEGER NOT NULL,
  status VARCHAR(20) NOT NULL,
  ordered_at TIMESTAMP NOT NULL
);

CREATE TABLE support_tickets (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  contact_email VARCHAR(200),
  contact_phone VARCHAR(16),
  subject VARCHAR(200) NOT NULL,
  opened_at TIMESTAMP NOT NULL
);

INSERT INTO customers (id, full_name, email, phone, country, created_at) VALUES
  (1, 'Ada Lindqvist', 'ada.lindqvist@mail.test', '+46 70 123 45 67', 'SE', TIMESTAMP '2024-01-05 09:12:00'),
  (2, 'Bruno Okafor', 'bruno.okafor@mail.test', '+234 802 555 0101', 'NG', TIMESTAMP '2024-02-11 14:30:00'),
  (3, 'Chen Wei', 'chen.wei@mail.test', '+86 138 0000 1234', 'CN', TIMESTAMP '2024-03-02 08:00:00'),
  (4, 'Dana Levi', 'dana.levi@mail.test', NULL, 'IL', TIMESTAMP '2024-03-19 17:45:00'),
  (5, 'Émile Durand', 'emile.durand@mail.test', '+33 6 12 34 56 78', 'FR', TIMESTAMP '2024-04-07 11:05:00'),
  (6, 'Farah Haddad', 'farah.haddad@mail.test', '+961 3 123 456', 'LB', TIMESTAMP '2024-05-23 16:20:00'),
  (7, 'Gustavo Pereira', 'gustavo.pereira@mail.test', '+55 11 91234 5678', 'BR', TIMESTAMP '2024-06-30 10:10:00'),
  (8, 'Hana Sato', 'hana.sato@mail.test', '+81 90 1234 5678', 'JP', TIMESTAMP '2024-07-14 07:55:00');

INSERT INTO orders (id, customer_email, amount_cents, status, ordered_at) VALUES
  (101, 'ada.lindqvist@mail.test', 4999, 'SHIPPED', TIMESTAMP '2024-08-01 10:00:00'),
  (102, 'ada.lindqvist@mail.test', 1250, 'DELIVERED', TIMESTAMP '2024-08-15 12:30:00'),
  (103, 'bruno.okafor@mail.test', 89900, 'PAID', TIMESTAMP '2024-08-20 09:45:00'),
  (104, 'chen.wei@mail.test', 3200, 'CANCELLED', TIMESTAMP '2024-09-02 18:05:00'),
  (105, 'chen.wei@mail.test', 15000, 'SHIPPED', TIMESTAMP '2024-09-03 08:20:00'),
  (106, 'chen.wei@mail.test', 700, 'DELIVERED', TIMESTAMP '2024-09-10 13:15:00'),
  (107, 'emile.durand@mail.test', 23999, 'PAID', TIMESTAMP '2024-09-18 20:40:00'),
  (108, 'farah.haddad@mail.test', 5600, 'SHIPPED', TIMESTAMP '2024-10-01 11:11:00'),
  (109, 'gustavo.pereira@mail.test', 12900, 'DELIVERED', TIMESTAMP '2024-10-12 15:00:00'),
  (110, 'hana.sato@mail.test', 4300, 'PAID', TIMESTAMP '2024-10-21 06:30:00'),
  (111, 'hana.sato@mail.test', 999, 'SHIPPED', TIMESTAMP '2024-11-02 09:00:00'),
  (112, 'dana.levi@mail.test', 64000, 'PAID', TIMESTAMP '2024-11-05 19:25:00');

INSERT INTO support_tickets (id, customer_id, contact_email, contact_phone, subject, opened_at) VALUES
  (1001, 1, 'ada.lindqvist@mail.test', '+46701234567', 'Parcel arrived damaged', TIMESTAMP '2024-08-17 08:00:00'),
  (1002, 3, 'chen.wei@mail.test', NULL, 'Refund for cancelled order', TIMESTAMP '2024-09-04 10:30:00'),
  (1003, 5, 'emile.durand@mail.test', '+33612345678', 'Change delivery address', TIMESTAMP '2024-09-19 09:15:00'),
  (1004, 7, NULL, '+5511912345678', 'Invoice copy', TIMESTAMP '2024-10-13 16:45:00'),
  (1005, 8, 'hana.sato@mail.test', '+819012345678', 'Gift wrapping', TIMESTAMP '2024-10-22 07:10:00');
