"""A Raspberry Pi subscriber in Python, as the guide writes it: a will on raspberry/status, a subscription made in
on_connect so it is renewed after every reconnect, and one printed line per message.

Usage: pi_subscriber.py HOST PORT CLIENT_ID
"""
import sys

import paho.mqtt.client as mqtt


def new_client(client_id):
    # paho-mqtt 2 wants the callback API version first; 1.x does not know it.
    if hasattr(mqtt, "CallbackAPIVersion"):
        return mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)
    return mqtt.Client(client_id=client_id)


def on_connect(client, userdata, flags, reason_code, properties=None):
    print(f"connected with result code {reason_code}", flush=True)
    client.subscribe("raspberry/topic", qos=1)


def on_message(client, userdata, message):
    print(f"{message.topic} {message.payload.decode()}", flush=True)


def main():
    host, port, client_id = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    client = new_client(client_id)
    client.on_connect = on_connect
    client.on_message = on_message
    client.will_set("raspberry/status", b'{"status": "Off"}', qos=1)
    client.connect(host, port, 60)
    client.loop_forever()


if __name__ == "__main__":
    main()
